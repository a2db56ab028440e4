using Aquila.Security.Lists;

namespace Aquila.Security.Tests.Lists;

/// <summary>The chain that binds a bulk check's chunks to its header and to each other (docs/lists.md, "Bulk checks").</summary>
public class BulkCheckChainTests
{
    private static readonly byte[] Header = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];

    private static byte[] Digests(params int[] persons)
    {
        var digests = new byte[persons.Length * BulkCheckChain.DigestSize];
        for (var i = 0; i < persons.Length; i++)
        {
            BulkCheckChain.PersonDigest(BitConverter.GetBytes(persons[i]), digests.AsSpan(i * BulkCheckChain.DigestSize, BulkCheckChain.DigestSize));
        }

        return digests;
    }

    private static List<string> Messages(byte[] header, params byte[][] chunks)
    {
        var chain = new BulkCheckChain(header);
        return [.. chunks.Select(c => Convert.ToHexString(chain.Advance(c)))];
    }

    [Fact]
    public void The_same_header_and_chunks_give_the_same_signed_bytes()
    {
        Assert.Equal(Messages(Header, Digests(1, 2), Digests(3)), Messages(Header, Digests(1, 2), Digests(3)));
    }

    [Fact]
    public void A_changed_person_changes_its_chunk_and_every_later_chunk()
    {
        var genuine = Messages(Header, Digests(1, 2), Digests(3), Digests(4));
        var altered = Messages(Header, Digests(1, 9), Digests(3), Digests(4));

        Assert.All(genuine.Zip(altered), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public void Reordered_persons_or_chunks_and_another_header_give_other_signed_bytes()
    {
        var genuine = Messages(Header, Digests(1, 2), Digests(3));

        Assert.NotEqual(genuine[0], Messages(Header, Digests(2, 1))[0]);
        Assert.NotEqual(genuine[1], Messages(Header, Digests(3), Digests(1, 2))[1]);
        Assert.NotEqual(genuine[0], Messages([.. Header.Reverse()], Digests(1, 2))[0]);
    }

    [Fact]
    public void Persons_moved_across_a_chunk_boundary_give_other_signed_bytes()
    {
        Assert.NotEqual(Messages(Header, Digests(1, 2), Digests(3))[1], Messages(Header, Digests(1), Digests(2, 3))[1]);
    }

    [Fact]
    public void A_bulk_header_digest_is_no_digest_of_whole_token_entries_and_names_the_person_count()
    {
        Assert.NotEqual(BulkCheckSignature.HeaderDigest(10), BulkCheckSignature.HeaderDigest(11));
        Assert.NotEqual(0, ("aquila-bulk-check-v1".Length + 4) % 17);
    }
}
