using System.Globalization;
using System.Text;
using Aquila.Tokens.Input;

namespace Aquila.Benchmarks;

/// <summary>
/// Synthetic person records with the variety of the region (Latin and Cyrillic, diacritics, Albanian spellings,
/// several date formats, ids), for benchmarks only. Fields and rates are rough; the quality generator is
/// `aquila synth` (issue 6).
/// </summary>
public static class SampleRecords
{
    private static readonly string[] Family =
    [
        "Petrović", "Петровић", "Jovanović", "Јовановић", "Krasniqi", "Krasnići", "Hoxha", "Đorđević", "Ђорђевић",
        "Gjorgjievski", "Ѓорѓиевски", "Hadžić", "Hadziq", "Kovačević", "Mehmedović", "Berisha", "Nikolić", "Стојановски",
    ];

    private static readonly string[] Given =
    [
        "Marko", "Марко", "Muhamed", "Mohamed", "Arben", "Džemal", "Xhemal", "Ana", "Ана", "Jelena", "Fatima", "Besnik",
        "Nikola", "Никола", "Emina", "Ljubica", "Љубица", "Dragan",
    ];

    private static readonly string[] Places = ["Beograd", "Београд", "Sarajevo", "Prishtinë", "Skopje", "Скопје", "Tirana", "Podgorica"];
    private static readonly string[] Nationalities = ["RS", "BA", "ME", "MK", "AL", "XK", "SRB", "BIH"];

    /// <summary>Deterministic records for a seed.</summary>
    public static List<PersonRecord> Create(int count, int seed)
    {
        var random = new Random(seed);
        var records = new List<PersonRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var year = random.Next(1950, 2005);
            var month = random.Next(1, 13);
            var day = random.Next(1, 29);
            records.Add(new PersonRecord
            {
                RecordId = "R" + i.ToString(CultureInfo.InvariantCulture),
                FamilyName = Pick(random, Family),
                GivenName = Pick(random, Given),
                FatherName = random.Next(3) == 0 ? null : Pick(random, Given),
                Sex = random.Next(2) == 0 ? "M" : "Ž",
                DateOfBirth = random.Next(4) switch
                {
                    0 => $"{day:D2}.{month:D2}.{year}.",
                    1 => $"{year}-{month:D2}-{day:D2}",
                    2 => $"{day}/{month}/{year}",
                    _ => year.ToString(CultureInfo.InvariantCulture),
                },
                PlaceOfBirth = random.Next(2) == 0 ? Pick(random, Places) : null,
                Nationality = Pick(random, Nationalities),
                DocumentNumber = random.Next(3) == 0 ? $"P{random.Next(1000000, 9999999)}" : null,
                NationalId = random.Next(3) == 0 ? Jmbg(random, day, month, year) : null,
                LineNumber = i + 2,
            });
        }

        return records;
    }

    /// <summary>Writes <paramref name="count"/> records as a canonical CSV file.</summary>
    public static void WriteCsv(string path, int count, int seed)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category\n");
        foreach (var r in Create(count, seed))
        {
            writer.Write(string.Join(',', r.RecordId, r.FamilyName, r.GivenName, r.FatherName, r.Sex, r.DateOfBirth,
                r.PlaceOfBirth, r.Nationality, r.DocumentNumber, r.NationalId, "suspect"));
            writer.Write('\n');
        }
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Jmbg(Random random, int day, int month, int year)
    {
        Span<int> d = stackalloc int[13];
        var digits = $"{day:D2}{month:D2}{year % 1000:D3}{random.Next(70, 80):D2}{random.Next(0, 1000):D3}";
        for (var i = 0; i < 12; i++)
        {
            d[i] = digits[i] - '0';
        }

        var sum = (7 * (d[0] + d[6])) + (6 * (d[1] + d[7])) + (5 * (d[2] + d[8])) + (4 * (d[3] + d[9])) + (3 * (d[4] + d[10])) + (2 * (d[5] + d[11]));
        var m = 11 - (sum % 11);
        return digits + (m > 9 ? 0 : m).ToString(CultureInfo.InvariantCulture);
    }
}
