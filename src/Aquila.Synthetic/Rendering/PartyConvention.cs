using Aquila.Synthetic.Places;

namespace Aquila.Synthetic.Rendering;

/// <summary>How one party's export writes its records: scripts, date format, sex and nationality, record ids.</summary>
internal sealed class PartyConvention
{
    public required string Party { get; init; }

    /// <summary>The country whose persons dominate the party's own records (null: a mix of the region).</summary>
    public required string? HomeCountry { get; init; }

    /// <summary>Writing styles for names and their weights (they need not add up to 1).</summary>
    public required (NameStyle Style, double Weight)[] Styles { get; init; }

    /// <summary>Albanian is the party's language: Slavic names get the Albanian rendering at the rate in <see cref="VariationRates"/>.</summary>
    public bool AlbanianSpeaking { get; init; }

    /// <summary>Probability that a Slavic-language party writes an Albanian name in Latin the Albanian way.</summary>
    public double KeepAlbanian { get; init; } = 0.4;

    /// <summary>Probability that the family name is written in capitals.</summary>
    public double UppercaseFamily { get; init; }

    /// <summary>Probability that all names are written in capitals.</summary>
    public double UppercaseAll { get; init; }

    /// <summary>Probability that the record has the father's name.</summary>
    public double FatherPresent { get; init; } = 0.75;

    public required DateFormat DateFormat { get; init; }

    public required DateFormat SecondDateFormat { get; init; }

    /// <summary>Nationality styles and their weights.</summary>
    public required (NationalityStyle Style, double Weight)[] Nationality { get; init; }

    /// <summary>Male and female as the party writes them in Latin.</summary>
    public (string Male, string Female) Sex { get; init; } = ("M", "Ž");

    /// <summary>The record id from the year of entry and a sequence number unique in the party.</summary>
    public required Func<int, int, string> RecordId { get; init; }

    public NameStyle PickStyle(SeededRandom random, VariationRates rates)
    {
        if (AlbanianSpeaking && random.Chance(rates.AlbanianRendering))
        {
            return random.Chance(rates.DiacriticsDropped) ? NameStyle.AlbanianPlain : NameStyle.Albanian;
        }

        // Draw only when the profile asks for it, so the default profile's random stream (and its data) stay as they were.
        if (rates.CyrillicRendering > 0 && Array.Find(Styles, s => s.Style is NameStyle.SerbianCyrillic or NameStyle.MacedonianCyrillic) is
            { Weight: > 0 } cyrillic && random.Chance(rates.CyrillicRendering))
        {
            return cyrillic.Style;
        }

        var style = Pick(Styles, random);
        if (style == NameStyle.GajLatin && random.Chance(rates.DiacriticsDropped))
        {
            return NameStyle.GajLatinPlain;
        }

        return style;
    }

    public NationalityStyle PickNationality(SeededRandom random) => Pick(Nationality, random);

    private static T Pick<T>((T Value, double Weight)[] choices, SeededRandom random)
    {
        var total = 0.0;
        foreach (var (_, weight) in choices)
        {
            total += weight;
        }

        var u = random.NextDouble() * total;
        foreach (var (value, weight) in choices)
        {
            if (u < weight)
            {
                return value;
            }

            u -= weight;
        }

        return choices[^1].Value;
    }
}
