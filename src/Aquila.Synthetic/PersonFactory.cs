using Aquila.Synthetic.Names;
using Aquila.Synthetic.Places;

namespace Aquila.Synthetic;

/// <summary>Draws synthetic persons for a home country, and twins, siblings and namesakes of existing ones.</summary>
internal sealed class PersonFactory(SeededRandom random)
{
    // Registries never issue one number twice: numbers drawn again are redrawn.
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);
    private static readonly Community[] Mixed =
        [Community.Serbian, Community.Bosniak, Community.Albanian, Community.Croatian, Community.Macedonian, Community.Montenegrin];

    public SyntheticPerson Create(string id, string? homeCountry)
    {
        var community = PickCommunity(homeCountry);
        var pool = NamePool.For(community);
        var female = random.Chance(0.2);
        var birthCountry = BirthCountry(community, homeCountry);
        var place = random.Pick(PlaceTable.For(community, birthCountry));
        var birth = RandomBirth(random.Next(1958, 1983) + random.Next(0, 24));
        var nationality = Nationality(community, birthCountry);
        return new SyntheticPerson
        {
            Id = id,
            Community = community,
            Female = female,
            Family = Part(random.Chance(female ? 0.08 : 0.01) ? Compound(pool.FamilyNames, '-') : random.Pick(pool.FamilyNames), pool),
            Given = Part(random.Chance(0.03) ? Compound(female ? pool.FemaleNames : pool.MaleNames, ' ') : GivenName(pool, female), pool),
            Father = Part(random.Pick(pool.MaleNames), pool),
            Birth = birth,
            BirthPlace = place,
            Nationality = nationality,
            NationalId = Unique(_ => NationalIdNumbers.For(place, birth, female, random)),
            Passport = random.Chance(0.75) ? Unique(_ => DocumentNumbers.Passport(nationality, random)) : null,
            OldPassport = Unique(_ => DocumentNumbers.Passport(nationality, random)),
            Category = PickCategory(),
        };
    }

    /// <summary>A person who is a <paramref name="kind"/> of <paramref name="original"/>; both are marked.</summary>
    public SyntheticPerson Relative(string id, SyntheticPerson original, HardNegativeKinds kind)
    {
        var pool = NamePool.For(original.Community);
        var female = kind == HardNegativeKinds.Namesake ? original.Female : random.Chance(0.3);
        var birth = kind switch
        {
            HardNegativeKinds.Twin => original.Birth,
            HardNegativeKinds.Sibling => SiblingBirth(original.Birth),
            _ => RandomBirth(original.Birth.Year, except: original.Birth),
        };
        var given = kind == HardNegativeKinds.Namesake ? original.Given : Part(OtherGivenName(pool, female, original.Given.Pivot), pool);
        var father = kind == HardNegativeKinds.Namesake
            ? Part(OtherName(pool.MaleNames, original.Father.Pivot), pool)
            : original.Father;
        var place = kind == HardNegativeKinds.Namesake
            ? random.Pick(PlaceTable.For(original.Community, original.BirthPlace.Country))
            : original.BirthPlace;
        var relative = new SyntheticPerson
        {
            Id = id,
            Community = original.Community,
            Female = female,
            Family = original.Family,
            Given = given,
            Father = father,
            Birth = birth,
            BirthPlace = place,
            Nationality = original.Nationality,
            NationalId = Unique(attempt => attempt == 0 && kind == HardNegativeKinds.Twin && original.NationalId is { Length: 13 } jmbg
                ? NationalIdNumbers.NextTwin(jmbg, female, random)
                : NationalIdNumbers.For(place, birth, female, random)),
            Passport = random.Chance(0.75) ? Unique(_ => DocumentNumbers.Passport(original.Nationality, random)) : null,
            OldPassport = Unique(_ => DocumentNumbers.Passport(original.Nationality, random)),
            Category = random.Chance(0.6) ? original.Category : PickCategory(),
            HardNegatives = kind,
        };
        original.HardNegatives |= kind;
        return relative;
    }

    private Community PickCommunity(string? homeCountry)
    {
        var u = random.NextDouble();
        (Community Community, double Share)[] shares = homeCountry switch
        {
            "RS" => [(Community.Serbian, 0.82), (Community.Bosniak, 0.08), (Community.Albanian, 0.05), (Community.Montenegrin, 0.03), (Community.Arab, 0.02)],
            "BA" => [(Community.Bosniak, 0.50), (Community.Serbian, 0.30), (Community.Croatian, 0.17), (Community.Arab, 0.03)],
            "ME" => [(Community.Montenegrin, 0.42), (Community.Serbian, 0.28), (Community.Bosniak, 0.16), (Community.Albanian, 0.10), (Community.Croatian, 0.02), (Community.Arab, 0.02)],
            "MK" => [(Community.Macedonian, 0.62), (Community.Albanian, 0.33), (Community.Serbian, 0.03), (Community.Arab, 0.02)],
            "AL" => [(Community.Albanian, 0.96), (Community.Montenegrin, 0.02), (Community.Arab, 0.02)],
            "XK" => [(Community.Albanian, 0.88), (Community.Serbian, 0.07), (Community.Bosniak, 0.03), (Community.Arab, 0.02)],
            _ => [],
        };
        foreach (var (community, share) in shares)
        {
            if (u < share)
            {
                return community;
            }

            u -= share;
        }

        return shares.Length > 0 ? shares[0].Community : Mixed[random.Next(Mixed.Length)];
    }

    private string BirthCountry(Community community, string? homeCountry) => community switch
    {
        Community.Arab => random.Chance(0.7) ? "SY" : "IQ",
        Community.Croatian when homeCountry is null => "HR",
        Community.Montenegrin when homeCountry == "AL" => "ME",
        _ when homeCountry is not null => homeCountry,
        Community.Serbian => "RS",
        Community.Bosniak => "BA",
        Community.Montenegrin => "ME",
        Community.Macedonian => "MK",
        _ => random.Chance(0.5) ? "XK" : random.Chance(0.5) ? "AL" : "MK",
    };

    private string Nationality(Community community, string birthCountry) => (community, birthCountry) switch
    {
        (Community.Serbian, "XK") when random.Chance(0.7) => "RS",
        (Community.Croatian, "BA") when random.Chance(0.3) => "HR",
        (Community.Albanian, "RS" or "MK" or "ME") when random.Chance(0.1) => "XK",
        (Community.Arab, _) when random.Chance(0.1) => "TR",
        _ => birthCountry,
    };

    private string PickCategory()
    {
        var u = random.NextDouble();
        return u < 0.40 ? "suspect" : u < 0.75 ? "person_of_interest" : u < 0.90 ? "convicted" : "other";
    }

    private DateOnly RandomBirth(int year, DateOnly? except = null)
    {
        while (true)
        {
            var month = random.Next(1, 13);
            var date = new DateOnly(year, month, random.Next(1, DateTime.DaysInMonth(year, month) + 1));
            if (date != except)
            {
                return date;
            }
        }
    }

    private DateOnly SiblingBirth(DateOnly original)
    {
        var gap = random.Next(1, 13);
        var year = original.Year + (random.Chance(0.5) ? gap : -gap);
        return RandomBirth(Math.Clamp(year, 1950, 2008));
    }

    private string GivenName(NamePool pool, bool female) => random.Pick(female ? pool.FemaleNames : pool.MaleNames);

    private string OtherGivenName(NamePool pool, bool female, string except) =>
        OtherName(female ? pool.FemaleNames : pool.MaleNames, except);

    private string OtherName(string[] names, string except)
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var name = random.Pick(names);
            if (!string.Equals(name, except, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return names[0] == except ? names[1] : names[0];
    }

    private string Compound(string[] names, char separator)
    {
        var first = random.Pick(names);
        return first + separator + OtherName(names, first);
    }

    /// <summary>A number from <paramref name="draw"/> (given the attempt) that no other person holds; null stays null.</summary>
    private string? Unique(Func<int, string?> draw)
    {
        for (var attempt = 0; ; attempt++)
        {
            var number = draw(attempt);
            if (number is null || _issued.Add(number) || attempt == 100)
            {
                return number;
            }
        }
    }

    private static NamePart Part(string name, NamePool pool) => new(name, pool.Origin, ArabicNameVariants.Of(name));
}
