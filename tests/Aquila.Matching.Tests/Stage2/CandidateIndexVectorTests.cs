using System.Buffers;
using Aquila.Matching.Index;
using Aquila.Matching.Stage2;

namespace Aquila.Matching.Tests.Stage2;

/// <summary>
/// The candidate index keeps the postings' vectors in fixed-size chunks (a project may hold more postings than one array
/// of vectors could): every vector reads back as added, across chunk boundaries and through a snapshot, whose bytes are
/// the one run of count × vector length they always were.
/// </summary>
public sealed class CandidateIndexVectorTests
{
    private const int VectorLength = 7; // not a power of two, so a vector never lines up with a chunk's end by chance
    private const int Postings = 10_000; // three chunks of 4,096

    private static byte[] VectorOf(int posting) => [.. Enumerable.Range(0, VectorLength).Select(b => (byte)((posting * 31) + b))];

    private static CandidateIndex Filled()
    {
        var index = new CandidateIndex(VectorLength, maxFanout: 20, parties: 2);
        for (var i = 0; i < Postings; i++)
        {
            // One token per posting, so no party crosses a cap.
            index.Add(index.TokenId((UInt128)i), i % 2, i, CandidateIndex.BlockOrder(0, 0), VectorOf(i));
        }

        return index;
    }

    [Fact]
    public void Every_vector_reads_back_as_added_across_chunks()
    {
        var index = Filled();

        for (var i = 0; i < Postings; i++)
        {
            Assert.True(index.Vector(i).SequenceEqual(VectorOf(i)), $"posting {i}");
        }
    }

    [Fact]
    public void A_snapshot_holds_the_vectors_as_one_run_and_reads_them_back()
    {
        var output = new ArrayBufferWriter<byte>();
        Filled().WriteState(new StateWriter(output));
        var bytes = output.WrittenSpan.ToArray();

        var loaded = new CandidateIndex(VectorLength, maxFanout: 20, parties: 2);
        loaded.ReadState(new StateReader(new MemoryStream(bytes)), withOrders: true);

        // count, parties (1 byte each), ordinals and links (4 each), then the vectors in posting order.
        var vectors = bytes.AsSpan(4 + (Postings * 9), Postings * VectorLength);
        for (var i = 0; i < Postings; i++)
        {
            Assert.True(vectors.Slice(i * VectorLength, VectorLength).SequenceEqual(VectorOf(i)), $"snapshot bytes of posting {i}");
            Assert.True(loaded.Vector(i).SequenceEqual(VectorOf(i)), $"posting {i} read back");
        }

        Assert.Equal(Postings, loaded.Count);
    }
}
