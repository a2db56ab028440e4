using Aquila.Synthetic.Names;

namespace Aquila.Synthetic.Tests;

/// <summary>The minimum variation rates of the issue, measured from the variation log among records of shared persons.</summary>
public class MinimumRateTests
{
    private static SharedRecords Shared => SixThousandPersons.Shared;

    [Theory]
    [InlineData(VariationNames.DobSwapped, 0.04)]
    [InlineData(VariationNames.DobYearOnly, 0.05)]
    [InlineData(VariationNames.DobOffByOne, 0.03)]
    [InlineData(VariationNames.DobMissing, 0.04)]
    [InlineData(VariationNames.DobPlaceholder, 0.02)]
    [InlineData(VariationNames.NamesSwapped, 0.05)]
    public void A_variation_reaches_its_minimum_rate(string variation, double minimum)
    {
        var rate = Shared.Rate(r => r.Has(variation));

        Assert.True(rate >= minimum, $"{variation}: {rate:P2} of shared records, minimum {minimum:P0}");
    }

    [Fact]
    public void Typos_of_any_kind_reach_eight_percent()
    {
        var rate = Shared.Rate(r => r.Has(VariationNames.TypoFamily) || r.Has(VariationNames.TypoGiven) || r.Has(VariationNames.TypoFather));

        Assert.True(rate >= 0.08, $"typos: {rate:P2} of shared records");
    }

    [Fact]
    public void Script_or_diacritic_differences_reach_forty_percent()
    {
        var rate = Shared.Rate(r =>
            r.Has(VariationNames.Script) || r.Has(VariationNames.DiacriticsDropped) || r.Has(VariationNames.AlbanianRendering) ||
            r.Has(VariationNames.SlavicRendering) || r.Has(VariationNames.Transliteration));

        Assert.True(rate >= 0.40, $"script or diacritic differences: {rate:P2} of shared records");
    }

    [Fact]
    public void Albanian_speaking_parties_render_at_least_half_of_the_Slavic_names_the_Albanian_way()
    {
        var candidates = Shared.Records.FindAll(r =>
            r.Party is "AL" or "XK" &&
            r.Person.Family.Origin is NameOrigin.Slavic or NameOrigin.Macedonian &&
            Rendering.GajLatin.HasDiacritics(r.Person.Family.Pivot + r.Person.Given.Pivot));

        var rate = SharedRecords.Rate(candidates, r => r.Has(VariationNames.AlbanianRendering));

        Assert.True(candidates.Count > 100, $"only {candidates.Count} Slavic names with č, ć, đ, š or ž at AL and XK");
        Assert.True(rate >= 0.50, $"Albanian renderings: {rate:P2} of {candidates.Count} records");
    }

    [Fact]
    public void Twins_siblings_and_namesakes_make_up_five_percent_of_persons()
    {
        var persons = SixThousandPersons.Data.Variations
            .Where(v => v.Variation is VariationNames.Twin or VariationNames.Sibling or VariationNames.Namesake)
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

        Assert.Contains(VariationNames.Twin, kinds);
        Assert.Contains(VariationNames.Sibling, kinds);
        Assert.Contains(VariationNames.Namesake, kinds);
    }
}
