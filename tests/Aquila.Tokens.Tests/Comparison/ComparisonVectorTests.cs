using Aquila.Tokens.Comparison;
using Aquila.Tokens.Dates;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Comparison;

public class ComparisonVectorTests
{
    private static readonly ProjectKey Key = ProjectKey.FromBytes(new byte[32]);
    private static readonly ScoringSpec Scoring = MatchKeySchema.Default.Scoring!;
    private static readonly VectorLayout Layout = Scoring.Layout;
    private static readonly int Father = Layout.IndexOf("father"), NationalId = Layout.IndexOf("national_id"), Dob = Layout.IndexOf("dob");

    private static byte[] Vector(PersonRecord record, string blockId, string blockValue)
    {
        using var keys = new Stage2Keys(Key, new byte[32]);
        using var writer = new ComparisonVectorWriter();
        var salt = new byte[Stage2Keys.Length];
        keys.Salt(blockId, blockValue, salt);
        var vector = new byte[Layout.Length];
        writer.Write(ComparisonFeatures.Of(record), Layout, salt, vector);
        return vector;
    }

    private static PersonRecord Person(string family, string given, string dob = "12.03.1985", string? father = "Jovan", string? id = null) =>
        new() { RecordId = "1", FamilyName = family, GivenName = given, DateOfBirth = dob, FatherName = father, Sex = "M", PlaceOfBirth = "Niš", NationalId = id };

    [Fact]
    public void A_cyrillic_and_a_latin_record_of_one_person_give_the_same_vector_under_one_block()
    {
        var latin = Vector(Person("Petrović", "Marko"), "b", "v");
        var cyrillic = Vector(new PersonRecord
        {
            RecordId = "2", FamilyName = "Петровић", GivenName = "Марко", DateOfBirth = "1985-03-12", FatherName = "Јован", Sex = "М", PlaceOfBirth = "Ниш",
        }, "b", "v");

        Assert.Equal(Convert.ToHexString(latin), Convert.ToHexString(cyrillic));
    }

    [Fact]
    public void Two_blocks_vectors_of_one_record_share_no_comparable_value()
    {
        var record = Person("Petrović", "Marko", id: "0101990710008");
        var one = Vector(record, "b_family_year", "PTRFC|1985");
        var other = Vector(record, "b_given_year", "MARKO|1985");

        Assert.Empty(SharedValues(one, other));
    }

    [Fact]
    public void A_missing_field_leaves_its_fragment_empty_and_its_tag_absent()
    {
        var vector = Vector(Person("Petrović", "Marko", father: null), "b", "v");

        Assert.True(Layout.Fragment(vector, Father).IndexOfAnyExcept((byte)0) < 0);
        Assert.False(Layout.HasTag(vector, NationalId, 0));
        Assert.True(Layout.HasTag(vector, Dob, VectorLayout.DateFull));
        Assert.True(Layout.HasTag(vector, Dob, VectorLayout.DateSwapped));
    }

    [Fact]
    public void A_record_without_its_date_takes_the_date_its_JMBG_states()
    {
        var written = Vector(Person("Petrović", "Marko", dob: "12.03.1985", id: "1203985710009"), "b", "v");
        var missing = Vector(Person("Petrović", "Marko", dob: "", id: "1203985710009"), "b", "v");
        var yearOnly = Vector(Person("Petrović", "Marko", dob: "1985", id: "1203985710009"), "b", "v");

        Assert.Equal(Convert.ToHexString(written), Convert.ToHexString(missing));
        Assert.Equal(Convert.ToHexString(written), Convert.ToHexString(yearOnly));
    }

    [Fact]
    public void A_year_only_date_more_than_a_year_from_the_JMBG_s_keeps_its_own_year()
    {
        var features = ComparisonFeatures.Of(Person("Petrović", "Marko", dob: "1979", id: "1203985710009"));

        Assert.Equal(new PartialDate(1979, 0, 0, DatePrecision.Year), features.DateOfBirth);
    }

    [Fact]
    public void A_day_month_ambiguous_date_carries_its_swapped_form_under_the_same_field()
    {
        var ambiguous = Vector(Person("Petrović", "Marko", dob: "12.03.1985"), "b", "v");
        var swapped = Vector(Person("Petrović", "Marko", dob: "03.12.1985"), "b", "v");

        Assert.True(Layout.Tag(ambiguous, Dob, VectorLayout.DateFull).SequenceEqual(Layout.Tag(swapped, Dob, VectorLayout.DateSwapped)));
    }

    [Fact]
    public void The_vector_length_follows_the_declared_fields()
    {
        // 6 string fields × 16 bytes, one date × 5 tags and 4 exact fields × 1 tag, 4 bytes each; 9 tags → 2 presence bytes.
        Assert.Equal((6 * 16) + (9 * 4) + 2, Layout.Length);
        Assert.Equal(Layout.Length, RecordComparisonWriter.VectorLength);
    }

    [FsCheck.Xunit.Property(MaxTest = 50)]
    public Property Equal_features_give_equal_vectors_under_one_salt() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<NonEmptyString>().ToArbitrary(), ArbMap.Default.GeneratorFor<NonEmptyString>().ToArbitrary(),
            (family, given) =>
            {
                var a = Vector(Person(family.Get, given.Get), "b", "1");
                var b = Vector(Person(family.Get, given.Get), "b", "1");
                return a.AsSpan().SequenceEqual(b);
            });

    [FsCheck.Xunit.Property(MaxTest = 50)]
    public Property Different_salts_share_no_equal_tag() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<NonEmptyString>().ToArbitrary(), ArbMap.Default.GeneratorFor<PositiveInt>().ToArbitrary(),
            (name, value) =>
            {
                var record = Person(name.Get, "Marko", id: "0101990710008");
                var a = Vector(record, "b", value.Get.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var b = Vector(record, "b", (value.Get + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return SharedValues(a, b).Count == 0;
            });

    [Fact]
    public void Candidate_blocks_of_swapped_given_and_family_names_share_the_name_skeleton_block()
    {
        var blocks = new List<(string Id, string Value)>();
        CandidateBlocks.Collect(ComparisonFeatures.Of(Person("Petrović", "Marko")), Scoring.BlockDefinitions, blocks);
        var straight = blocks.Single(b => b.Id == "b_name_skeleton");
        CandidateBlocks.Collect(ComparisonFeatures.Of(Person("Marko", "Petrović")), Scoring.BlockDefinitions, blocks);

        Assert.Equal(straight, blocks.Single(b => b.Id == "b_name_skeleton"));
    }

    [Fact]
    public void A_block_with_a_year_part_has_a_value_for_the_year_and_one_for_the_next()
    {
        var blocks = new List<(string Id, string Value)>();
        CandidateBlocks.Collect(ComparisonFeatures.Of(Person("Petrović", "Marko", dob: "1985")), Scoring.BlockDefinitions, blocks);

        var values = blocks.Where(b => b.Id == "b_given_year").Select(b => b.Value).ToList();
        Assert.Equal(["MARKO|1985", "MARKO|1986"], values);
        Assert.DoesNotContain(blocks, b => b.Id == "b_dob");                 // a year alone is no full date
    }

    [Fact]
    public void Block_tokens_are_not_stage_one_tokens_and_salts_are_not_block_tokens()
    {
        using var keys = new Stage2Keys(Key, new byte[32]);
        var token = new byte[16];
        var salt = new byte[16];

        keys.BlockToken("name_dob", "MARKO PETROVIC", token);
        keys.Salt("name_dob", "MARKO PETROVIC", salt);

        Assert.NotEqual(token, salt);
    }

    // Every present tag or non-empty fragment of one vector that equals the same slot of the other.
    private static List<string> SharedValues(byte[] one, byte[] other)
    {
        var shared = new List<string>();
        for (var f = 0; f < Layout.Fields.Count; f++)
        {
            if (Layout.Fields[f].Kind == ScoringFieldKind.StringBloom)
            {
                if (Layout.Fragment(one, f).IndexOfAnyExcept((byte)0) >= 0 && Layout.Fragment(one, f).SequenceEqual(Layout.Fragment(other, f)))
                {
                    shared.Add(Layout.Fields[f].Id);
                }

                continue;
            }

            for (var t = 0; t < VectorLayout.TagsOf(Layout.Fields[f].Kind); t++)
            {
                if (Layout.HasTag(one, f, t) && Layout.HasTag(other, f, t) && Layout.Tag(one, f, t).SequenceEqual(Layout.Tag(other, f, t)))
                {
                    shared.Add($"{Layout.Fields[f].Id}[{t}]");
                }
            }
        }

        return shared;
    }
}
