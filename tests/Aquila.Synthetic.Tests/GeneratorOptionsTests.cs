namespace Aquila.Synthetic.Tests;

public class GeneratorOptionsTests
{
    [Theory]
    [InlineData("R S")]
    [InlineData("")]
    [InlineData("../x")]
    public void A_party_code_that_is_not_letters_and_digits_is_refused(string party)
    {
        var options = new SynthOptions { Persons = 10, Parties = ["RS", party] };

        Assert.Throws<ArgumentException>(() => SyntheticGenerator.Generate(options));
    }

    [Fact]
    public void A_party_listed_twice_is_refused()
    {
        var options = new SynthOptions { Persons = 10, Parties = ["RS", "rs"] };

        Assert.Throws<ArgumentException>(() => SyntheticGenerator.Generate(options));
    }

    [Fact]
    public void A_negative_person_count_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticGenerator.Generate(new SynthOptions { Persons = -1 }));
    }

    [Fact]
    public void A_rate_above_one_is_refused()
    {
        var options = new SynthOptions { Rates = VariationRates.Default with { Typo = 1.5 } };

        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticGenerator.Generate(options));
    }

    [Fact]
    public void Date_variations_that_add_up_to_more_than_one_are_refused()
    {
        var options = new SynthOptions { Rates = VariationRates.Default with { DobMissing = 0.5, DobYearOnly = 0.5 } };

        Assert.Throws<ArgumentException>(() => SyntheticGenerator.Generate(options));
    }

    [Fact]
    public void A_single_party_holds_every_person_once()
    {
        var data = SyntheticGenerator.Generate(new SynthOptions { Persons = 200, Parties = ["ME"] });

        Assert.Equal(200, data.RecordsByParty["ME"].Count);
        Assert.Equal(200, data.Truth.Select(t => t.PersonId).Distinct().Count());
    }

    [Fact]
    public void A_party_without_known_conventions_gets_generic_ones_and_lower_case_codes_are_upper_cased()
    {
        var data = SyntheticGenerator.Generate(new SynthOptions { Persons = 300, Parties = ["rs", "SI"] });

        Assert.Equal(["RS", "SI"], data.Parties);
        Assert.NotEmpty(data.RecordsByParty["SI"]);
        Assert.All(data.RecordsByParty["SI"], r => Assert.StartsWith("SI-", r.RecordId, StringComparison.Ordinal));
    }

    [Fact]
    public void Zero_persons_give_empty_files_for_every_party()
    {
        var data = SyntheticGenerator.Generate(new SynthOptions { Persons = 0 });

        Assert.All(data.Parties, p => Assert.Empty(data.RecordsByParty[p]));
        Assert.Empty(data.Truth);
    }

    [Fact]
    public void No_shared_fraction_means_no_person_at_two_parties()
    {
        var data = SyntheticGenerator.Generate(new SynthOptions { Persons = 500, SharedFraction = 0 });

        Assert.Equal(500, data.Truth.Count);
    }
}
