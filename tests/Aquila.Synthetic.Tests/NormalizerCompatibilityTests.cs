using Aquila.Tokens;
using Aquila.Tokens.Dates;
using Aquila.Tokens.Normalization;

namespace Aquila.Synthetic.Tests;

/// <summary>The cells the generator writes are understood by the token pipeline's own parsers and normalisers.</summary>
public class NormalizerCompatibilityTests
{
    private static SharedRecords Shared => SixThousandPersons.Shared;

    [Fact]
    public void Every_nationality_cell_is_recognised_as_the_persons_nationality()
    {
        var wrong = Shared.Records.Count(r =>
            r.Record.Nationality is not null && IdentifierNormalizer.Country(r.Record.Nationality) != r.Person.Nationality);

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Every_sex_cell_is_recognised_as_the_persons_sex()
    {
        var wrong = Shared.Records.Count(r =>
            r.Record.Sex is not null && IdentifierNormalizer.ParseSex(r.Record.Sex) != (r.Person.Female ? Sex.Female : Sex.Male));

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Every_thirteen_digit_national_id_passes_the_pipelines_JMBG_check()
    {
        var invalid = SixThousandPersons.Data.Parties
            .SelectMany(p => SixThousandPersons.Data.RecordsByParty[p])
            .Count(r => r.NationalId is { Length: 13 } id && !IdentifierNormalizer.IsValidJmbg(id));

        Assert.Equal(0, invalid);
    }

    [Fact]
    public void Every_subject_category_and_date_of_birth_parses()
    {
        var records = SixThousandPersons.Data.Parties.SelectMany(p => SixThousandPersons.Data.RecordsByParty[p]).ToList();

        Assert.All(records, r => Assert.True(SubjectCategories.TryParse(r.SubjectCategory, out _), $"record {r.RecordId}: category"));
        Assert.All(records, r => Assert.True(DateParser.TryParse(r.DateOfBirth, out _, out _), $"record {r.RecordId}: date of birth"));
    }

    [Fact]
    public void A_noisy_document_number_cleans_to_the_persons_passport_number()
    {
        var noisy = Shared.Records.FindAll(r => r.Has(VariationNames.DocumentNoise) && !r.Has(VariationNames.DocumentOther));

        var wrong = noisy.Count(r =>
        {
            var cleaned = IdentifierNormalizer.DocumentNumber(r.Record.DocumentNumber);
            var passport = IdentifierNormalizer.DocumentNumber(r.Person.Passport);
            // Dropping leading zeros is one of the noises exports add; the pipeline does not restore them.
            return cleaned != passport && cleaned != passport.TrimStart('0');
        });

        Assert.NotEmpty(noisy);
        Assert.Equal(0, wrong);
    }
}
