using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Comparison;

/// <summary>The node's stage-2 writer as the tokeniser uses it: every block of a record under its own salt.</summary>
public class RecordComparisonWriterTests
{
    [Fact]
    public void No_two_blocks_of_one_record_carry_an_equal_tag_or_fragment()
    {
        using var key = ProjectKey.Generate();
        using var writer = new RecordComparisonWriter(key, MatchKeySchema.Default);
        var blocks = new List<BlockVector>();
        var record = new PersonRecord
        {
            RecordId = "1", FamilyName = "Petrović", GivenName = "Marko", FatherName = "Jovan", DateOfBirth = "12.03.1985", Sex = "M",
            PlaceOfBirth = "Niš", NationalId = "1203985710008", DocumentNumber = "012345678",
        };

        writer.Write(record, blocks);

        Assert.True(blocks.Count >= 3, $"only {blocks.Count} blocks");
        for (var i = 0; i < blocks.Count; i++)
        {
            Assert.Equal(RecordComparisonWriter.VectorLength, blocks[i].Vector.Length);
            for (var j = i + 1; j < blocks.Count; j++)
            {
                Assert.False(blocks[i].Token.AsSpan().SequenceEqual(blocks[j].Token), $"blocks {i} and {j} share a block token");
                for (var t = 0; t < ComparisonVector.TagCount; t++)
                {
                    if (ComparisonVector.HasTag(blocks[i].Vector, t))
                    {
                        Assert.False(ComparisonVector.Tag(blocks[i].Vector, t).SequenceEqual(ComparisonVector.Tag(blocks[j].Vector, t)),
                            $"tag {t} is equal in blocks {i} and {j}");
                    }
                }

                for (var f = 0; f < ComparisonVector.FragmentCount; f++)
                {
                    Assert.False(ComparisonVector.Fragment(blocks[i].Vector, f).SequenceEqual(ComparisonVector.Fragment(blocks[j].Vector, f)),
                        $"fragment {f} is equal in blocks {i} and {j}");
                }
            }
        }
    }
}
