using Aquila.Tokens.Batches;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Derivation;

public class RecordTokenizerTests
{
    private static readonly ProjectKey Key = ProjectKey.FromBytes(new byte[32]);

    private static PersonRecord Person(string family, string given, string? dob = "12.03.1985", string? father = null,
        string? nationalId = null, string? nationality = null, string? document = null, string? sex = null, string? place = null) =>
        new()
        {
            RecordId = "R1",
            FamilyName = family,
            GivenName = given,
            DateOfBirth = dob,
            FatherName = father,
            NationalId = nationalId,
            Nationality = nationality,
            DocumentNumber = document,
            Sex = sex,
            PlaceOfBirth = place,
        };

    // Tokens per key id, as hex.
    private static Dictionary<string, HashSet<string>> Tokens(PersonRecord record)
    {
        using var tokenizer = new RecordTokenizer(MatchKeySchema.Default, Key);
        var entries = new byte[RecordTokenizer.MaxEntryBytes];
        var outcome = tokenizer.Tokenize(record, entries);
        var result = new Dictionary<string, HashSet<string>>();
        for (var i = 0; i < outcome.TokenCount; i++)
        {
            var entry = entries.AsSpan(i * BatchFormat.TokenEntryLength, BatchFormat.TokenEntryLength);
            var id = MatchKeySchema.Default.Keys[entry[0]].Id;
            if (!result.TryGetValue(id, out var set))
            {
                result[id] = set = [];
            }

            set.Add(Convert.ToHexStringLower(entry[1..]));
        }

        return result;
    }

    private static Arbitrary<string> NamePart() =>
        Gen.Elements("Petrović", "Marko", "Krasniqi", "Arben", "Đorđević", "Ana", "Hoxha", "Jovan", "Mehmedović", "Emina")
            .ToArbitrary();

    [FsCheck.Xunit.Property]
    public Property Swapping_given_and_family_name_keeps_every_full_name_token() =>
        Prop.ForAll(NamePart(), NamePart(), (family, given) =>
        {
            var straight = Tokens(Person(family, given, father: "Jovan"));
            var swapped = Tokens(Person(given, family, father: "Jovan"));
            return straight["name_dob"].SetEquals(swapped["name_dob"])
                && straight["name_dob_father"].SetEquals(swapped["name_dob_father"])
                && straight["skeleton_dob"].SetEquals(swapped["skeleton_dob"]);
        });

    [Theory]
    [InlineData("Петровић", "Марко", "Petrović", "Marko")]
    [InlineData("Petrovic", "Marko", "Petrović", "Marko")]
    [InlineData("Petroviq", "Marko", "Petrović", "Marko")]
    [InlineData("Ѓорѓиевски", "Никола", "Gjorgjievski", "Nikola")]
    [InlineData("Krasnići", "Arben", "Krasniqi", "Arben")]
    public void Spellings_of_one_name_in_other_scripts_share_the_name_and_date_token(string family, string given, string family2, string given2)
    {
        Assert.Equal(Tokens(Person(family, given))["name_dob"], Tokens(Person(family2, given2))["name_dob"]);
    }

    [Fact]
    public void Spelling_variants_meet_under_the_skeleton_only()
    {
        var a = Tokens(Person("Hodžić", "Ljubica"));
        var b = Tokens(Person("Hodžić", "Lubica"));

        Assert.Empty(a["name_dob"].Intersect(b["name_dob"]));
        Assert.NotEmpty(a["skeleton_dob"].Intersect(b["skeleton_dob"]));
    }

    [Fact]
    public void Transliterations_of_one_arabic_origin_name_share_the_name_and_date_token()
    {
        var a = Tokens(Person("Hodžić", "Muhamed"));
        var b = Tokens(Person("Hodžić", "Mohammed"));

        Assert.NotEmpty(a["name_dob"].Intersect(b["name_dob"]));
    }

    [Fact]
    public void An_ambiguous_date_gives_both_orders_under_the_same_key_so_a_swapped_date_meets_the_true_one()
    {
        var trueDate = Tokens(Person("Petrović", "Marko", dob: "12.03.1985"));
        var swapped = Tokens(Person("Petrović", "Marko", dob: "1985-12-03"));
        var unambiguous = Tokens(Person("Petrović", "Marko", dob: "25.03.1985"));

        Assert.Equal(2, trueDate["name_dob"].Count);
        Assert.Equal(trueDate["name_dob"], swapped["name_dob"]);
        Assert.Single(unambiguous["name_dob"]);
    }

    [Fact]
    public void A_placeholder_date_counts_as_a_year_and_builds_no_full_date_key()
    {
        var tokens = Tokens(Person("Petrović", "Marko", dob: "01.01.1985", place: "Beograd"));

        Assert.False(tokens.ContainsKey("name_dob"));
        Assert.True(tokens.ContainsKey("name_year_place"));
    }

    [Fact]
    public void A_name_without_any_date_builds_no_key_and_the_record_is_rejected()
    {
        using var tokenizer = new RecordTokenizer(MatchKeySchema.Default, Key);

        var outcome = tokenizer.Tokenize(Person("Petrović", "Marko", dob: null, father: "Jovan"), new byte[RecordTokenizer.MaxEntryBytes]);

        Assert.False(outcome.Success);
        Assert.Contains("no match key", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unparseable_date_rejects_the_record_naming_the_field_but_not_the_value()
    {
        using var tokenizer = new RecordTokenizer(MatchKeySchema.Default, Key);

        var outcome = tokenizer.Tokenize(Person("Petrović", "Marko", dob: "sometime in 1985"), new byte[RecordTokenizer.MaxEntryBytes]);

        Assert.False(outcome.Success);
        Assert.Equal("date_of_birth", outcome.Field);
        Assert.DoesNotContain("1985", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_jmbg_is_a_strong_key_without_a_country_and_a_mistyped_one_is_not()
    {
        var valid = Tokens(Person("Petrović", "Marko", nationalId: "1203985710009"));
        var mistyped = Tokens(Person("Petrović", "Marko", nationalId: "1203985710008", nationality: "RS"));

        Assert.True(valid.ContainsKey("nid"));
        Assert.False(valid.ContainsKey("nid_unverified"));
        Assert.False(mistyped.ContainsKey("nid"));
        Assert.True(mistyped.ContainsKey("nid_unverified"));
    }

    [Fact]
    public void A_foreign_national_id_is_strong_only_with_its_country()
    {
        var withCountry = Tokens(Person("Krasniqi", "Arben", nationalId: "I 12345678 A", nationality: "ALB"));
        var sameInAlpha2 = Tokens(Person("Krasniqi", "Arben", nationalId: "I12345678A", nationality: "AL"));
        var withoutCountry = Tokens(Person("Krasniqi", "Arben", nationalId: "I12345678A"));

        Assert.Equal(withCountry["nid"], sameInAlpha2["nid"]);
        Assert.False(withoutCountry.ContainsKey("nid"));
        Assert.Equal(withCountry["nid_unverified"], withoutCountry["nid_unverified"]);
    }

    [Fact]
    public void A_document_number_with_formatting_noise_gives_the_same_token()
    {
        var a = Tokens(Person("Petrović", "Marko", document: "P 1234-567", nationality: "SRB"));
        var b = Tokens(Person("Petrović", "Marko", document: "p1234567", nationality: "Srbija"));

        Assert.Equal(a["doc"], b["doc"]);
    }

    [Fact]
    public void Twins_share_no_strong_or_probable_token()
    {
        var marko = Tokens(Person("Petrović", "Marko", father: "Jovan", sex: "M", place: "Beograd"));
        var milan = Tokens(Person("Petrović", "Milan", father: "Jovan", sex: "M", place: "Beograd"));

        var shared = marko.Keys.Where(k => milan.TryGetValue(k, out var other) && other.Overlaps(marko[k])).ToList();

        Assert.All(shared, k => Assert.Equal(MatchBand.Possible, MatchKeySchema.Default.Find(k)!.Band));
    }

    [Fact]
    public void An_unknown_subject_category_rejects_the_record()
    {
        using var tokenizer = new RecordTokenizer(MatchKeySchema.Default, Key);
        var record = new PersonRecord { RecordId = "R", FamilyName = "A", GivenName = "B", DateOfBirth = "1980", SubjectCategory = "villain" };

        var outcome = tokenizer.Tokenize(record, new byte[RecordTokenizer.MaxEntryBytes]);

        Assert.Equal("subject_category", outcome.Field);
    }
}
