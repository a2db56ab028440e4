namespace Aquila.Synthetic.Tests;

/// <summary>
/// The harsh profile differs from the default in the ways it says, measured on one seed's output of each: dates and
/// scripts from the records themselves, name variations from the variation log (which
/// <see cref="DataRateTests"/> checks against the records for the default profile).
/// </summary>
public class HarshProfileTests
{
    private const int Persons = 3000;

    private static readonly Lazy<SharedRecords> Default = new(() => Shared(VariationRates.Default));
    private static readonly Lazy<SharedRecords> Harsh = new(() => Shared(VariationRates.Harsh));

    private static SharedRecords Shared(VariationRates rates) =>
        new(SyntheticGenerator.Generate(new SynthOptions { Persons = Persons, Seed = 4242, Rates = rates }));

    private static (double Default, double Harsh) Rates(Func<SharedRecord, bool> predicate) =>
        (Default.Value.Rate(predicate), Harsh.Value.Rate(predicate));

    private static bool Logged(SharedRecord r, string variation) => r.Variations.Contains(variation);

    [Fact]
    public void The_harsh_profile_has_about_twice_the_year_only_dates()
    {
        var (normal, harsh) = Rates(r => DateOfBirthKind.Classify(r.Record.DateOfBirth, r.Person.Birth) == VariationNames.DobYearOnly);

        Assert.True(harsh >= 1.6 * normal, $"year only: default {normal:P2}, harsh {harsh:P2}");
    }

    [Fact]
    public void The_harsh_profile_has_about_twice_the_missing_dates()
    {
        var (normal, harsh) = Rates(r => r.Record.DateOfBirth is null);

        Assert.True(harsh >= 1.6 * normal, $"missing: default {normal:P2}, harsh {harsh:P2}");
    }

    [Fact]
    public void The_harsh_profile_writes_more_names_in_cyrillic_at_the_parties_that_write_cyrillic()
    {
        static bool Cyrillic(SharedRecord r) => r.Party is "RS" or "MK" or "BA" or "ME"
            && (r.Record.FamilyName ?? "").Any(c => c is >= '\u0400' and <= '\u04FF');

        var (normal, harsh) = Rates(Cyrillic);

        Assert.True(harsh >= normal + 0.08, $"cyrillic: default {normal:P2}, harsh {harsh:P2}");
    }

    [Fact]
    public void The_harsh_profile_renders_more_slavic_names_the_albanian_way()
    {
        var (normal, harsh) = Rates(r => Logged(r, VariationNames.AlbanianRendering));

        Assert.True(harsh >= 1.15 * normal, $"albanian rendering: default {normal:P2}, harsh {harsh:P2}");
    }

    [Fact]
    public void The_harsh_profile_cuts_more_compound_names_and_swaps_more_given_and_family_names()
    {
        var (compoundNormal, compoundHarsh) = Rates(r => Logged(r, VariationNames.CompoundPartial));
        var (swapNormal, swapHarsh) = Rates(r => Logged(r, VariationNames.NamesSwapped));

        Assert.True(compoundHarsh >= 1.3 * compoundNormal, $"compound partial: default {compoundNormal:P2}, harsh {compoundHarsh:P2}");
        Assert.True(swapHarsh >= 1.6 * swapNormal, $"names swapped: default {swapNormal:P2}, harsh {swapHarsh:P2}");
    }

    [Fact]
    public void The_harsh_profile_has_twice_the_typos_and_transcription_errors_the_default_has_none_of()
    {
        static bool Typo(SharedRecord r) => r.Variations.Any(v => v.StartsWith("typo_", StringComparison.Ordinal));
        var (typoNormal, typoHarsh) = Rates(Typo);
        var (transcriptionNormal, transcriptionHarsh) = Rates(r => Logged(r, VariationNames.TranscriptionError));

        Assert.True(typoHarsh >= 1.6 * typoNormal, $"typos: default {typoNormal:P2}, harsh {typoHarsh:P2}");
        Assert.Equal(0, transcriptionNormal);
        Assert.True(transcriptionHarsh >= 0.08, $"transcription errors in {transcriptionHarsh:P2} of harsh records");
    }
}
