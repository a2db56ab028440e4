using Aquila.Tokens.Batches;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Derivation;

// Variants of a field (docs/token-spec.md §3) are emitted under the base key's id: each test checks that two
// spellings meet under one key and, where it matters, that they do not meet where they must not.
public class FieldVariantTests
{
    private static readonly ProjectKey Key = ProjectKey.FromBytes(new byte[32]);

    private static PersonRecord Person(string family, string given, string? dob = "25.03.1985", string? father = null,
        string? place = null, string? nationalId = null) =>
        new()
        {
            RecordId = "R1", FamilyName = family, GivenName = given, DateOfBirth = dob, FatherName = father, PlaceOfBirth = place,
            NationalId = nationalId,
        };

    private static HashSet<string> Tokens(PersonRecord record, string keyId)
    {
        using var tokenizer = new RecordTokenizer(MatchKeySchema.Default, Key);
        var entries = new byte[RecordTokenizer.MaxEntryBytes];
        var outcome = tokenizer.Tokenize(record, entries);
        var result = new HashSet<string>();
        for (var i = 0; i < outcome.TokenCount; i++)
        {
            var entry = entries.AsSpan(i * BatchFormat.TokenEntryLength, BatchFormat.TokenEntryLength);
            if (MatchKeySchema.Default.Keys[entry[0]].Id == keyId)
            {
                result.Add(Convert.ToHexString(entry[1..]));
            }
        }

        return result;
    }

    private static bool Meet(PersonRecord a, PersonRecord b, string keyId) => Tokens(a, keyId).Overlaps(Tokens(b, keyId));

    [Fact]
    public void A_valid_jmbg_gives_its_date_of_birth_to_a_record_without_one()
    {
        Assert.True(Meet(Person("Popović", "Ljubomir", dob: null, nationalId: "0310975772399"),
            Person("Popović", "Ljubomir", dob: "03.10.1975"), "name_dob"));
    }

    [Fact]
    public void Birth_years_one_apart_meet_and_two_apart_do_not()
    {
        var year = Person("Petrović", "Marko", dob: "1985", father: "Jovan", place: "Niš");

        Assert.True(Meet(year, Person("Petrović", "Marko", dob: "14.06.1986", father: "Jovan", place: "Niš"), "name_year_father_place"));
        Assert.True(Meet(year, Person("Petrović", "Marko", dob: "1984", father: "Jovan", place: "Niš"), "name_year_father_place"));
        Assert.False(Meet(year, Person("Petrović", "Marko", dob: "1987", father: "Jovan", place: "Niš"), "name_year_father_place"));
    }

    [Fact]
    public void A_year_off_by_one_with_the_same_day_and_month_meets_under_name_daymonth_year()
    {
        Assert.True(Meet(Person("Petrović", "Marko", dob: "25.03.1985"), Person("Petrović", "Marko", dob: "25.03.1986"), "name_daymonth_year"));
        Assert.False(Meet(Person("Petrović", "Marko", dob: "25.03.1985"), Person("Petrović", "Marko", dob: "26.03.1986"), "name_daymonth_year"));
    }

    [Theory]
    [InlineData("Shkodër", "Skadar")]
    [InlineData("Prishtinë", "Priština")]
    [InlineData("Tiranë", "Tirana")]
    [InlineData("Shkup", "Скопје")]
    public void Names_of_one_place_in_other_languages_lift_a_name_and_date(string place, string other)
    {
        Assert.True(Meet(Person("Hoxha", "Ilir", place: place), Person("Hoxha", "Ilir", place: other), "name_dob_place"));
    }

    [Fact]
    public void Different_places_do_not_lift_a_name_and_date()
    {
        Assert.False(Meet(Person("Hoxha", "Ilir", place: "Tirana"), Person("Hoxha", "Ilir", place: "Tetovo"), "name_dob_place"));
    }

    [Fact]
    public void One_part_of_a_compound_given_name_meets_the_full_name_below_strong_only()
    {
        var full = Person("Kryeziu", "Sabri Burim", place: "Vushtrri");
        var part = Person("Kryeziu", "Sabri", place: "Vushtrri");

        Assert.True(Meet(full, part, "name_dob"));
        Assert.False(Meet(full, part, "name_dob_place"));
    }

    [Fact]
    public void Dj_and_a_d_without_its_stroke_agree()
    {
        Assert.True(Meet(Person("Đurić", "Stefan"), Person("Duric", "Stefan"), "name_dob"));
    }

    [Fact]
    public void A_misspelt_father_name_still_lifts_through_its_skeleton()
    {
        Assert.True(Meet(Person("Petrović", "Marko", father: "Dejan"), Person("Petrović", "Marko", father: "Deian"), "name_dob_father"));
    }
}
