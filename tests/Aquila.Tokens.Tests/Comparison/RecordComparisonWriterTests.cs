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

    [Fact]
    public void Each_block_is_written_as_its_own_salt_and_a_fresh_vector_writer_give_it()
    {
        // The writer builds a record's cipher inputs once for all its blocks; the result must equal writing each block
        // from scratch (the spec's path), also for a record that follows another with more or fewer fields.
        using var key = ProjectKey.Generate();
        var scoring = MatchKeySchema.Default.Scoring!;
        using var writer = new RecordComparisonWriter(key, MatchKeySchema.Default);
        using var keys = new Stage2Keys(key, MatchKeySchema.Default.Hash.Span);
        var blocks = new List<BlockVector>();
        var values = new List<(string Id, string Value)>();
        var records = new[]
        {
            new PersonRecord
            {
                RecordId = "1", FamilyName = "Petrović Jovanović", GivenName = "Marko", FatherName = "Jovan", DateOfBirth = "12.03.1985",
                Sex = "M", PlaceOfBirth = "Niš", NationalId = "1203985710008", DocumentNumber = "012345678",
                Street = "Vojvode Mišića 12", Locality = "Niš", Postcode = "18000",
            },
            new PersonRecord { RecordId = "2", FamilyName = "Hoxha", GivenName = "Arta", DateOfBirth = "1990" },
            new PersonRecord { RecordId = "3", FamilyName = "Ђорђевић", GivenName = "Милица", FatherName = "Петар", DateOfBirth = "05.11.1979", Sex = "F" },
        };

        foreach (var record in records)
        {
            writer.Write(record, blocks);

            CandidateBlocks.Collect(ComparisonFeatures.Of(record), scoring.BlockDefinitions, values);
            Assert.Equal(values.Count, blocks.Count);
            for (var b = 0; b < values.Count; b++)
            {
                var (token, vector) = Reference(keys, scoring, record, values[b].Id, values[b].Value);
                Assert.Equal(scoring.IndexOf(values[b].Id), blocks[b].BlockIndex);
                Assert.Equal(Convert.ToHexString(token), Convert.ToHexString(blocks[b].Token));
                Assert.Equal(Convert.ToHexString(vector), Convert.ToHexString(blocks[b].Vector));
            }
        }
    }

    private static (byte[] Token, byte[] Vector) Reference(Stage2Keys keys, ScoringSpec scoring, PersonRecord record, string id, string value)
    {
        using var vectors = new ComparisonVectorWriter();
        var token = new byte[Stage2Keys.Length];
        var salt = new byte[Stage2Keys.Length];
        var vector = new byte[scoring.Layout.Length];
        keys.BlockToken(id, value, token);
        keys.Salt(id, value, salt);
        vectors.Write(ComparisonFeatures.Of(record), scoring.Layout, salt, vector);
        return (token, vector);
    }
}
