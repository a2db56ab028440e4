namespace Aquila.Synthetic.Tests;

/// <summary>The rates measured from the records themselves against the truth, not from the generator's own log.</summary>
public class DataRateTests
{
    private static SharedRecords Shared => SixThousandPersons.Shared;

    [Fact]
    public void Dates_of_birth_show_each_variation_at_its_minimum_rate_and_exactly_where_the_log_says()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var disagreements = 0;
        foreach (var r in Shared.Records)
        {
            var kind = DateOfBirthKind.Classify(r.Record.DateOfBirth, r.Person.Birth);
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            var logged = r.Variations.FirstOrDefault(v => v.StartsWith("dob_", StringComparison.Ordinal) && v != VariationNames.DobOtherFormat)
                ?? DateOfBirthKind.Exact;
            disagreements += kind == logged ? 0 : 1;
        }

        double Rate(string kind) => (double)counts.GetValueOrDefault(kind) / Shared.Records.Count;
        Assert.Equal(0, disagreements);
        Assert.Equal(0, counts.GetValueOrDefault(DateOfBirthKind.Unparseable));
        Assert.True(Rate(VariationNames.DobSwapped) >= 0.04, $"swapped {Rate(VariationNames.DobSwapped):P2}");
        Assert.True(Rate(VariationNames.DobYearOnly) >= 0.05, $"year only {Rate(VariationNames.DobYearOnly):P2}");
        Assert.True(Rate(VariationNames.DobOffByOne) >= 0.03, $"off by one {Rate(VariationNames.DobOffByOne):P2}");
        Assert.True(Rate(VariationNames.DobMissing) >= 0.04, $"missing {Rate(VariationNames.DobMissing):P2}");
        Assert.True(Rate(VariationNames.DobPlaceholder) >= 0.02, $"placeholder {Rate(VariationNames.DobPlaceholder):P2}");
    }

    [Fact]
    public void At_least_forty_percent_of_shared_records_carry_a_national_id()
    {
        var rate = Shared.Rate(r => r.Record.NationalId is not null);

        Assert.True(rate >= 0.40, $"national id present in {rate:P2} of shared records");
    }

    [Fact]
    public void Every_thirteen_digit_national_id_has_a_valid_check_digit_and_the_birth_date_of_its_person()
    {
        var jmbgs = 0;
        foreach (var r in Shared.Records)
        {
            if (r.Record.NationalId is not { Length: 13 } id)
            {
                continue;
            }

            jmbgs++;
            Assert.True(NationalIdNumbers.IsValidJmbg(id), $"record {r.Record.RecordId} of {r.Party}: invalid JMBG check digit");
            var birth = r.Person.Birth;
            var expected = $"{birth.Day:00}{birth.Month:00}{birth.Year % 1000:000}";
            Assert.True(id.StartsWith(expected, StringComparison.Ordinal), $"record {r.Record.RecordId} of {r.Party}: JMBG date is not the birth date");
        }

        Assert.True(jmbgs > Shared.Records.Count / 4, $"only {jmbgs} JMBG/EMBG numbers");
    }

    [Fact]
    public void Passport_numbers_come_with_formatting_noise()
    {
        var withDocument = Shared.Records.FindAll(r => r.Record.DocumentNumber is not null);

        var noisy = SharedRecords.Rate(withDocument, r => r.Record.DocumentNumber!.AsSpan().IndexOfAny(" -.") >= 0);

        Assert.True(withDocument.Count > Shared.Records.Count / 4, $"only {withDocument.Count} document numbers");
        Assert.InRange(noisy, 0.10, 0.50);
    }

    [Theory]
    [InlineData("RS")]
    [InlineData("MK")]
    public void Cyrillic_parties_write_a_good_share_of_their_records_in_Cyrillic(string party)
    {
        var records = SixThousandPersons.Data.RecordsByParty[party];

        var cyrillic = records.Count(r => IsCyrillic(r.FamilyName) || IsCyrillic(r.GivenName));

        Assert.InRange((double)cyrillic / records.Count, 0.3, 0.8);
    }

    [Theory]
    [InlineData("BA")]
    [InlineData("ME")]
    [InlineData("AL")]
    [InlineData("XK")]
    public void Latin_parties_write_most_of_their_records_in_Latin(string party)
    {
        var records = SixThousandPersons.Data.RecordsByParty[party];

        var cyrillic = records.Count(r => IsCyrillic(r.FamilyName) || IsCyrillic(r.GivenName));

        Assert.InRange((double)cyrillic / records.Count, 0, 0.15);
    }

    [Fact]
    public void Twins_share_family_name_father_date_and_place_of_birth_with_another_person()
    {
        var twins = SixThousandPersons.Data.Persons.Where(p => (p.HardNegatives & HardNegativeKinds.Twin) != 0).ToList();

        var paired = twins.Count(t => twins.Any(o => !ReferenceEquals(o, t) && o.Family == t.Family && o.Father == t.Father &&
                                                     o.Birth == t.Birth && o.BirthPlace == t.BirthPlace));

        Assert.True(twins.Count >= 2, "no twins");
        Assert.Equal(twins.Count, paired);
    }

    private static bool IsCyrillic(string? text) => text is not null && text.Any(c => c is >= '\u0400' and <= '\u04FF');
}
