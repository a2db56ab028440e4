using System.Globalization;
using Aquila.Tokens.Input;

namespace Aquila.Bench;

/// <summary>
/// Synthetic persons for load runs, cheap to make and deterministic per (seed, person number), so that every party
/// holding a shared person renders the same record. Names are composed from roots and endings of the region
/// (about 80,000 full names), so namesakes born the same day are rare, as in real registers; passport numbers are unique per
/// person, and JMBG-shaped national ids carry the person number in their serial digits (unique among persons born
/// the same day, up to 100,000 of them). Quality of matching is not the point here (`aquila demo`).
/// </summary>
public static class LoadPersons
{
    private static readonly string[] Roots =
    [
        "Petr", "Jovan", "Nikol", "Stojan", "Marko", "Đorđ", "Kovač", "Hadž", "Mehmed", "Popov", "Stank", "Milošev", "Ilij", "Todor",
        "Kraj", "Bog", "Vuk", "Rad", "Dragan", "Simon", "Lazar", "Pavl", "Mitr", "Ristov", "Trajk", "Angel", "Dimitr", "Krst", "Zec",
        "Babić", "Husein", "Alij", "Osman", "Ibrahim", "Hasan", "Sulejman", "Krasn", "Berish", "Gash", "Hox", "Shal", "Kelmend", "Dushk",
        "Lek", "Prel", "Gjon", "Marin", "Tom", "Ded", "Zek",
    ];

    private static readonly string[] Endings = ["ović", "ević", "ić", "ski", "ovski", "evski", "aj", "i", "a", "iqi", "ovac", "an", "inović", "ičić"];

    private static readonly string[] Given =
    [
        "Marko", "Nikola", "Stefan", "Luka", "Milan", "Dragan", "Zoran", "Goran", "Dejan", "Nenad", "Vladimir", "Aleksandar", "Ivan",
        "Petar", "Jovan", "Miloš", "Bojan", "Darko", "Saša", "Igor", "Muhamed", "Mohamed", "Amir", "Emir", "Adnan", "Edin", "Haris",
        "Kenan", "Mirza", "Senad", "Arben", "Besnik", "Driton", "Fatmir", "Gentian", "Ilir", "Kujtim", "Valon", "Agim", "Blerim",
        "Ana", "Jelena", "Milica", "Ivana", "Marija", "Jovana", "Tijana", "Dragana", "Snežana", "Vesna", "Emina", "Amra", "Lejla",
        "Selma", "Fatima", "Aida", "Arta", "Besa", "Drita", "Teuta", "Vjosa", "Albana", "Elira", "Mimoza", "Liridona", "Ljubica",
        "Biljana", "Gordana", "Slavica", "Zorica", "Nada", "Vera", "Mira", "Lidija", "Sanja", "Maja", "Sara", "Hana", "Nora", "Dea",
        "Andrej", "Filip", "Mihajlo", "Vuk", "Dušan", "Uroš", "Lazar", "Ognjen", "Vasilije", "Aleksa",
    ];

    private static readonly string[] Places =
    [
        "Beograd", "Novi Sad", "Niš", "Kragujevac", "Sarajevo", "Tuzla", "Zenica", "Mostar", "Banja Luka", "Podgorica", "Nikšić",
        "Skopje", "Bitola", "Kumanovo", "Tetovo", "Tirana", "Durrës", "Shkodër", "Elbasan", "Prishtinë", "Prizren", "Pejë", "Gjakovë",
    ];

    private static readonly string[] Countries = ["RS", "BA", "ME", "MK", "AL", "XK"];

    /// <summary>The record party number <paramref name="party"/> holds of person <paramref name="person"/>.</summary>
    public static PersonRecord Create(long person, int party, long recordNumber, int seed)
    {
        var random = new SplitMix(((ulong)(uint)seed << 40) ^ (ulong)person);
        var family = Roots[random.Next(Roots.Length)] + Endings[random.Next(Endings.Length)];
        var male = random.Next(2) == 0;
        var given = Given[random.Next(Given.Length)];
        var father = Given[random.Next(40)];
        var year = 1940 + random.Next(66);
        var month = 1 + random.Next(12);
        var day = 1 + random.Next(28);
        var place = Places[random.Next(Places.Length)];
        var country = Countries[random.Next(Countries.Length)];
        var hasId = random.Next(3) != 0;
        var hasPassport = random.Next(2) == 0;
        var inv = CultureInfo.InvariantCulture;
        return new PersonRecord
        {
            RecordId = "P" + party.ToString(inv) + "-" + recordNumber.ToString(inv),
            FamilyName = family,
            GivenName = given,
            FatherName = random.Next(4) == 0 ? null : father,
            Sex = male ? "M" : "F",
            DateOfBirth = string.Create(inv, $"{day:D2}.{month:D2}.{year}."),
            PlaceOfBirth = random.Next(3) == 0 ? null : place,
            Nationality = country,
            // Unique per person: the person number is spread over the serial digits and the passport number.
            NationalId = hasId ? Jmbg(day, month, year, person) : null,
            DocumentNumber = hasPassport ? string.Create(inv, $"P{person % 100_000_000:D8}") : null,
            LineNumber = recordNumber + 2,
        };
    }

    /// <summary>
    /// The person held as record <paramref name="recordNumber"/> of party <paramref name="party"/>: a person of the
    /// shared pool (held by this party and the next one) for about <paramref name="sharedFraction"/> of the records, else
    /// a person only this party holds.
    /// </summary>
    public static long PersonOf(int party, int parties, long recordNumber, long recordsPerParty, double sharedFraction)
    {
        var shared = (long)(recordsPerParty * sharedFraction);
        var sharedPerPair = shared / 2;
        var uniqueBase = (long)parties * sharedPerPair;
        if (recordNumber < sharedPerPair)
        {
            // Shared with the next party: pool of pair (party, party+1).
            return (party * sharedPerPair) + recordNumber;
        }

        if (recordNumber < 2 * sharedPerPair)
        {
            // Shared with the previous party: pool of pair (party-1, party).
            var previous = (party + parties - 1) % parties;
            return (previous * sharedPerPair) + recordNumber - sharedPerPair;
        }

        return uniqueBase + ((long)party * recordsPerParty) + recordNumber;
    }

    private static string Jmbg(int day, int month, int year, long person)
    {
        // Region digits and serial from the person number keep ids unique over the 10^5 persons of one birth date.
        var serial = person % 100_000;
        Span<int> d = stackalloc int[13];
        var digits = string.Create(CultureInfo.InvariantCulture, $"{day:D2}{month:D2}{year % 1000:D3}{serial:D5}");
        for (var i = 0; i < 12; i++)
        {
            d[i] = digits[i] - '0';
        }

        var sum = (7 * (d[0] + d[6])) + (6 * (d[1] + d[7])) + (5 * (d[2] + d[8])) + (4 * (d[3] + d[9])) + (3 * (d[4] + d[10]))
            + (2 * (d[5] + d[11]));
        var m = 11 - (sum % 11);
        return digits + (m > 9 ? 0 : m).ToString(CultureInfo.InvariantCulture);
    }

    // SplitMix64: a tiny deterministic generator seeded per person, so persons can be made in any order on any thread.
    private struct SplitMix(ulong state)
    {
        private ulong _state = state;

        public int Next(int bound)
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z % (ulong)bound);
        }
    }
}
