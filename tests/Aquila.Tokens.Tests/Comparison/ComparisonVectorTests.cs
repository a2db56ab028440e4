using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Comparison;

public class ComparisonVectorTests
{
    private static readonly ProjectKey Key = ProjectKey.FromBytes(new byte[32]);

    private static byte[] Vector(PersonRecord record, string blockId, string blockValue)
    {
        using var keys = new Stage2Keys(Key, new byte[32]);
        using var writer = new ComparisonVectorWriter();
        var salt = new byte[Stage2Keys.Length];
        keys.Salt(blockId, blockValue, salt);
        var vector = new byte[ComparisonVector.Length];
        writer.Write(ComparisonFeatures.Of(record), salt, vector);
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

        for (var t = 0; t < ComparisonVector.TagCount; t++)
        {
            if (ComparisonVector.HasTag(one, t))
            {
                Assert.False(ComparisonVector.Tag(one, t).SequenceEqual(ComparisonVector.Tag(other, t)), $"tag {t} is equal across blocks");
            }
        }

        for (var f = 0; f < ComparisonVector.FragmentCount; f++)
        {
            Assert.False(ComparisonVector.Fragment(one, f).SequenceEqual(ComparisonVector.Fragment(other, f)), $"fragment {f} is equal across blocks");
        }
    }

    [Fact]
    public void A_missing_field_leaves_its_fragment_empty_and_its_tag_absent()
    {
        var vector = Vector(Person("Petrović", "Marko", father: null), "b", "v");

        Assert.True(ComparisonVector.Fragment(vector, ComparisonVector.Father).IndexOfAnyExcept((byte)0) < 0);
        Assert.False(ComparisonVector.HasTag(vector, ComparisonVector.NationalId));
        Assert.True(ComparisonVector.HasTag(vector, ComparisonVector.Dob));
        Assert.True(ComparisonVector.HasTag(vector, ComparisonVector.DobSwapped));
    }

    [Fact]
    public void A_day_month_ambiguous_date_carries_its_swapped_form_under_the_same_field()
    {
        var ambiguous = Vector(Person("Petrović", "Marko", dob: "12.03.1985"), "b", "v");
        var swapped = Vector(Person("Petrović", "Marko", dob: "03.12.1985"), "b", "v");

        Assert.True(ComparisonVector.Tag(ambiguous, ComparisonVector.Dob).SequenceEqual(ComparisonVector.Tag(swapped, ComparisonVector.DobSwapped)));
    }

    [FsCheck.Xunit.Property(MaxTest = 50)]
    public Property The_vector_of_a_record_is_deterministic_under_one_salt_and_differs_under_another() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<NonEmptyString>().ToArbitrary(), name =>
        {
            var record = Person(name.Get, "Marko");
            var a = Vector(record, "b", "1");
            var b = Vector(record, "b", "1");
            var c = Vector(record, "b", "2");
            return a.AsSpan().SequenceEqual(b) && !ComparisonVector.Tag(a, ComparisonVector.Dob).SequenceEqual(ComparisonVector.Tag(c, ComparisonVector.Dob));
        });

    [Fact]
    public void Candidate_blocks_of_swapped_given_and_family_names_share_the_name_skeleton_block()
    {
        var blocks = new List<(string Id, string Value)>();
        CandidateBlocks.Collect(ComparisonFeatures.Of(Person("Petrović", "Marko")), blocks);
        var straight = blocks.Single(b => b.Id == "b_name_skeleton");
        CandidateBlocks.Collect(ComparisonFeatures.Of(Person("Marko", "Petrović")), blocks);

        Assert.Equal(straight, blocks.Single(b => b.Id == "b_name_skeleton"));
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
}
