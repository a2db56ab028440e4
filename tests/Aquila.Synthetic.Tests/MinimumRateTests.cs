using Aquila.Synthetic.Names;

namespace Aquila.Synthetic.Tests;

/// <summary>The minimum variation rates of the issue, measured from the variation log among records of shared persons.</summary>
public class MinimumRateTests
{
    private static SharedRecords Shared => SixThousandPersons.Shared;

    [Theory]
    [InlineData(Variations.DobSwapped, 0.04)]
    [InlineData(Variations.DobYearOnly, 0.05)]
    [InlineData(Variations.DobOffByOne, 0.03)]
    [InlineData(Variations.DobMissing, 0.04)]
    [InlineData(Variations.DobPlaceholder, 0.02)]
    [InlineData(Variations.NamesSwapped, 0.05)]
    public void A_variation_reaches_its_minimum_rate(string variation, double minimum)
    {
        var rate = Shared.Rate(r => r.Has(variation));

        Assert.True(rate >= minimum, $"{variation}: {rate:P2} of shared records, minimum {minimum:P0}");
    }

    [Fact]
    public void Typos_of_any_kind_reach_eight_percent()
    {
        var rate = Shared.Rate(r => r.Has(Variations.TypoFamily) || r.Has(Variations.TypoGiven) || r.Has(Variations.TypoFather));

        Assert.True(rate >= 0.08, $"typos: {rate:P2} of shared records");
    }

    [Fact]
    public void Script_or_diacritic_differences_reach_forty_percent()
    {
        var rate = Shared.Rate(r =>
            r.Has(Variations.Script) || r.Has(Variations.DiacriticsDropped) || r.Has(Variations.AlbanianRendering) ||
            r.Has(Variations.SlavicRendering) || r.Has(Variations.Transliteration));

        Assert.True(rate >= 0.40, $"script or diacritic differences: {rate:P2} of shared records");
    }

    [Fact]
    public void Albanian_speaking_parties_render_at_least_half_of_the_Slavic_names_the_Albanian_way()
    {
        var candidates = Shared.Records.FindAll(r =>
            r.Party is "AL" or "XK" &&
            r.Person.Family.Origin is NameOrigin.Slavic or NameOrigin.Macedonian &&
            Rendering.GajLatin.HasDiacritics(r.Person.Family.Pivot + r.Person.Given.Pivot));

        var rate = SharedRecords.Rate(candidates, r => r.Has(Variations.AlbanianRendering));

        Assert.True(candidates.Count > 100, $"only {candidates.Count} Slavic names with č, ć, đ, š or ž at AL and XK");
        Assert.True(rate >= 0.50, $"Albanian renderings: {rate:P2} of {candidates.Count} records");
    }

    [Fact]
    public void Twins_siblings_and_namesakes_make_up_five_percent_of_persons()
    {
        var persons = SixThousandPersons.Data.Variations
            .Where(v => v.Variation is Variations.Twin or Variations.Sibling or Variations.Namesake)
            .Select(v => v.PersonId)
            .Distinct()
            .Count();

        var rate = (double)persons / SixThousandPersons.Persons;

        Assert.True(rate >= 0.05, $"hard negatives: {rate:P2} of persons");
    }

    [Fact]
    public void Each_kind_of_hard_negative_occurs()
    {
        var kinds = SixThousandPersons.Data.Variations.Select(v => v.Variation).ToHashSet(StringComparer.Ordinal);

        Assert.Contains(Variations.Twin, kinds);
        Assert.Contains(Variations.Sibling, kinds);
        Assert.Contains(Variations.Namesake, kinds);
    }
}
