using System.Globalization;
using Aquila.Synthetic.Rendering;
using Aquila.Tokens.Input;

namespace Aquila.Synthetic;

/// <summary>Generates synthetic Western Balkan person records with known truth; the same options give the same data.</summary>
/// <remarks>
/// <para>Persons come from name pools per community (Serbian, Montenegrin, Croatian, Bosniak, Macedonian, Albanian, and
/// Arabic-origin names with their regional spellings), are born in a town of their home country (minorities in the
/// towns they mostly live in), and have a father's name, sometimes compound names, a JMBG/EMBG when born in the former
/// Yugoslavia (Kosovo and Albanian personal numbers otherwise), often a passport.</para>
/// <para>A share of persons (<see cref="SynthOptions.SharedFraction"/>) is held by 2–4 parties, the rest by exactly one,
/// and a share (<see cref="VariationRates.HardNegatives"/>) are twins, siblings or namesakes of another person.</para>
/// <para>Each party writes its records its own way: RS Serbian Cyrillic or Latin with DD.MM.YYYY., BA and ME Latin
/// with or without diacritics, MK Macedonian Cyrillic or the official romanisation (Gj, Kj, Zh), AL and XK Albanian
/// renderings of Slavic names (ć → q, č → ç, đ → gj, dž → xh, š → sh, ž → zh) with DD/MM/YYYY and ISO dates;
/// Slavic-language parties write Albanian names with Slavic letters (Krasnići, Краснићи). On top come the variations
/// of <see cref="VariationRates"/>, each logged per record (<see cref="VariationNames"/>).</para>
/// <para>Records are sorted by their party's record id ("RS-MUP-2024-000123", "BiH/SIPA/2019/04567", "MVR-2021-01234",
/// "PSH19-0001234", "PK-2020-001234", "UP-CG-20180001234"). 100 000 persons take about a second.</para>
/// </remarks>
public static class SyntheticGenerator
{
    /// <summary>The most persons one call generates.</summary>
    public const int MaxPersons = 10_000_000;

    /// <summary>Generates the data set described by <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">Options out of range or a party code that is not letters and digits.</exception>
    public static SyntheticDataset Generate(SynthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parties = Validate(options);
        var rates = options.Rates;
        var random = new SeededRandom(options.Seed);
        var conventions = new PartyConvention[parties.Length];
        for (var p = 0; p < parties.Length; p++)
        {
            conventions[p] = PartyConventions.For(parties[p]);
        }

        var persons = CreatePersons(options, conventions, random);
        var drafts = new List<DraftRecord>[parties.Length];
        for (var p = 0; p < parties.Length; p++)
        {
            drafts[p] = [];
        }

        // Records are written only once every person exists, so that a person who gets a twin later is marked too.
        var writer = new RecordWriter(random, rates);
        foreach (var person in persons)
        {
            foreach (var p in person.Parties)
            {
                drafts[p].Add(writer.Write(person, conventions[p]));
            }
        }

        return Assemble(parties, conventions, drafts, persons, random);
    }

    private static string[] Validate(SynthOptions options)
    {
        if (options.Persons is < 0 or > MaxPersons)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Persons, $"persons must be between 0 and {MaxPersons}");
        }

        if (double.IsNaN(options.SharedFraction) || options.SharedFraction is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SharedFraction, "the shared fraction must be between 0 and 1");
        }

        if (options.MaxPartiesPerPerson is < 2 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxPartiesPerPerson, "a shared person is held by 2 to 4 parties");
        }

        ArgumentNullException.ThrowIfNull(options.Rates);
        options.Rates.Validate();
        ArgumentNullException.ThrowIfNull(options.Parties);
        var parties = new List<string>();
        foreach (var raw in options.Parties)
        {
            var code = raw?.Trim().ToUpperInvariant() ?? string.Empty;
            if (code.Length is 0 or > 8 || !IsLettersAndDigits(code))
            {
                throw new ArgumentException("a party code must be 1 to 8 ASCII letters or digits (e.g. RS)", nameof(options));
            }

            if (parties.Contains(code))
            {
                throw new ArgumentException($"party {code} is listed twice", nameof(options));
            }

            parties.Add(code);
        }

        if (parties.Count == 0)
        {
            throw new ArgumentException("at least one party is needed", nameof(options));
        }

        return [.. parties];
    }

    private static bool IsLettersAndDigits(string code)
    {
        foreach (var c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static List<SyntheticPerson> CreatePersons(SynthOptions options, PartyConvention[] conventions, SeededRandom random)
    {
        var factory = new PersonFactory(random);
        var persons = new List<SyntheticPerson>(options.Persons);
        var width = Math.Max(6, options.Persons.ToString(CultureInfo.InvariantCulture).Length);
        var format = "P{0:D" + width.ToString(CultureInfo.InvariantCulture) + "}";
        for (var i = 0; i < options.Persons; i++)
        {
            var id = string.Format(CultureInfo.InvariantCulture, format, i + 1);
            var home = random.Next(conventions.Length);
            var count = PartyCount(options, conventions.Length, random);
            SyntheticPerson person;
            if (persons.Count > 0 && random.Chance(options.Rates.HardNegatives))
            {
                var original = persons[random.Next(persons.Count)];
                person = factory.Relative(id, original, PickKind(random));
                person.Parties = PartiesOf(count, home, conventions.Length, original.Parties, random);
            }
            else
            {
                person = factory.Create(id, conventions[home].HomeCountry);
                person.Parties = PartiesOf(count, home, conventions.Length, [], random);
            }

            persons.Add(person);
        }

        return persons;
    }

    private static HardNegativeKinds PickKind(SeededRandom random)
    {
        var u = random.NextDouble();
        return u < 0.3 ? HardNegativeKinds.Twin : u < 0.65 ? HardNegativeKinds.Sibling : HardNegativeKinds.Namesake;
    }

    private static int PartyCount(SynthOptions options, int partyCount, SeededRandom random)
    {
        var most = Math.Min(options.MaxPartiesPerPerson, partyCount);
        if (most < 2 || !random.Chance(options.SharedFraction))
        {
            return 1;
        }

        var u = random.NextDouble();
        var count = u < 0.6 ? 2 : u < 0.88 ? 3 : 4;
        return Math.Min(count, most);
    }

    /// <summary>
    /// <paramref name="count"/> distinct parties, usually including the home party. A relative held by one party is
    /// put, where possible, at a party that does not hold the original, so that the pair meets across parties.
    /// </summary>
    private static int[] PartiesOf(int count, int home, int partyCount, int[] avoid, SeededRandom random)
    {
        if (count == 1)
        {
            if (avoid.Length > 0 && avoid.Length < partyCount && random.Chance(0.7))
            {
                while (Array.IndexOf(avoid, home) >= 0)
                {
                    home = random.Next(partyCount);
                }
            }
            else if (random.Chance(0.15))
            {
                home = random.Next(partyCount);
            }

            return [home];
        }

        var chosen = new List<int>(count);
        if (random.Chance(0.8))
        {
            chosen.Add(home);
        }

        while (chosen.Count < count)
        {
            var p = random.Next(partyCount);
            if (!chosen.Contains(p))
            {
                chosen.Add(p);
            }
        }

        chosen.Sort();
        return [.. chosen];
    }

    private static SyntheticDataset Assemble(
        string[] parties, PartyConvention[] conventions, List<DraftRecord>[] drafts, List<SyntheticPerson> persons, SeededRandom random)
    {
        var recordsByParty = new Dictionary<string, IReadOnlyList<PersonRecord>>(StringComparer.Ordinal);
        var truth = new List<TruthRow>();
        var variations = new List<VariationRow>();
        for (var p = 0; p < parties.Length; p++)
        {
            var party = parties[p];
            var list = drafts[p];
            random.Shuffle(list);
            var records = new PersonRecord[list.Count];
            var sequence = random.Next(100, 5000);
            for (var i = 0; i < list.Count; i++)
            {
                var draft = list[i];
                // Ids rise through the years as a real register's do, with the gaps deleted entries leave.
                var year = 2012 + (int)((long)i * 14 / Math.Max(1, list.Count));
                sequence += random.Chance(0.2) ? random.Next(2, 5) : 1;
                var id = conventions[p].RecordId(year, sequence);
                records[i] = new PersonRecord
                {
                    RecordId = id,
                    FamilyName = draft.FamilyName,
                    GivenName = draft.GivenName,
                    FatherName = draft.FatherName,
                    Sex = draft.Sex,
                    DateOfBirth = draft.DateOfBirth,
                    PlaceOfBirth = draft.PlaceOfBirth,
                    Nationality = draft.Nationality,
                    DocumentNumber = draft.DocumentNumber,
                    NationalId = draft.NationalId,
                    SubjectCategory = draft.SubjectCategory,
                    LineNumber = i + 2,
                };
                truth.Add(new TruthRow(draft.Person.Id, party, id));
                foreach (var variation in draft.Variations)
                {
                    variations.Add(new VariationRow(party, id, draft.Person.Id, variation));
                }
            }

            recordsByParty[party] = records;
        }

        return new SyntheticDataset(parties, recordsByParty, truth, variations, persons);
    }
}
