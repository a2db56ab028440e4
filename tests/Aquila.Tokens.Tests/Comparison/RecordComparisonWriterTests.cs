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
            Street = "Vojvode Mišića 12", Locality = "Niš", Postcode = "18000",
        };

        writer.Write(record, blocks);

        Assert.True(blocks.Count >= 3, $"only {blocks.Count} blocks");
        for (var i = 0; i < blocks.Count; i++)
        {
            Assert.Equal(RecordComparisonWriter.VectorLength, blocks[i].Vector.Length);
            for (var j = i + 1; j < blocks.Count; j++)
            {
                Assert.False(blocks[i].Token.AsSpan().SequenceEqual(blocks[j].Token), $"blocks {i} and {j} share a block token");
                var layout = MatchKeySchema.Default.Scoring!.Layout;
                for (var f = 0; f < layout.Fields.Count; f++)
                {
                    if (layout.Fields[f].Kind == ScoringFieldKind.StringBloom)
                    {
                        // A field the record lacks leaves its fragment zero in every block.
                        Assert.False(layout.Fragment(blocks[i].Vector, f).IndexOfAnyExcept((byte)0) >= 0
                            && layout.Fragment(blocks[i].Vector, f).SequenceEqual(layout.Fragment(blocks[j].Vector, f)),
                            $"fragment of {layout.Fields[f].Id} is equal in blocks {i} and {j}");
                        continue;
                    }

                    for (var t = 0; t < VectorLayout.TagsOf(layout.Fields[f].Kind); t++)
                    {
                        if (layout.HasTag(blocks[i].Vector, f, t))
                        {
                            Assert.False(layout.Tag(blocks[i].Vector, f, t).SequenceEqual(layout.Tag(blocks[j].Vector, f, t)),
                                $"tag {t} of {layout.Fields[f].Id} is equal in blocks {i} and {j}");
                        }
                    }
                }
            }
        }
    }
}
