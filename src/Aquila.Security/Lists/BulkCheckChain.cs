using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Aquila.Security.Lists;

/// <summary>
/// Binds the chunks of a bulk check to its signed header and to each other. The chain starts at
/// SHA-256("aquila-bulk-chain-v1" ‖ header signature); chunk i moves it to link_i = SHA-256(link_(i-1) ‖ u32 i ‖ u32 person
/// count ‖ SHA-256 of each person's token entries), and the node signs "aquila-bulk-chunk-v1" ‖ u32 i ‖ link_i with its
/// certificate key. A chunk altered, dropped, reordered, repeated or taken from another call (another header signature)
/// changes the link and fails its signature; a whole call replayed is refused by the header's nonce. An auditor holding
/// the per-person digests of the audit chain recomputes every link and checks the chunk signatures kept there.
/// </summary>
public sealed class BulkCheckChain
{
    /// <summary>Size of a person's digest and of a link.</summary>
    public const int DigestSize = SHA256.HashSizeInBytes;

    private static ReadOnlySpan<byte> StartDomain => "aquila-bulk-chain-v1"u8;

    private static ReadOnlySpan<byte> ChunkDomain => "aquila-bulk-chunk-v1"u8;

    private readonly byte[] _link = new byte[DigestSize];
    private int _next;

    /// <summary>A chain for the call whose header carries <paramref name="headerSignature"/>.</summary>
    public BulkCheckChain(ReadOnlySpan<byte> headerSignature)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(StartDomain);
        hash.AppendData(headerSignature);
        hash.GetHashAndReset(_link);
    }

    /// <summary>The index the next chunk must have.</summary>
    public int NextIndex => _next;

    /// <summary>The SHA-256 of one person's token entries, as the chain and the audit chain hold it.</summary>
    public static void PersonDigest(ReadOnlySpan<byte> tokenEntries, Span<byte> digest) => SHA256.HashData(tokenEntries, digest);

    /// <summary>
    /// Moves the chain over the next chunk, whose persons' digests are <paramref name="personDigests"/> (<see cref="DigestSize"/>
    /// bytes each, in order), and returns the bytes its signature covers.
    /// </summary>
    public byte[] Advance(ReadOnlySpan<byte> personDigests)
    {
        if (personDigests.Length % DigestSize != 0)
        {
            throw new ArgumentException($"Person digests are {DigestSize} bytes each.", nameof(personDigests));
        }

        Span<byte> numbers = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(numbers, (uint)_next);
        BinaryPrimitives.WriteUInt32BigEndian(numbers[4..], (uint)(personDigests.Length / DigestSize));
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            hash.AppendData(_link);
            hash.AppendData(numbers);
            hash.AppendData(personDigests);
            hash.GetHashAndReset(_link);
        }

        var message = new byte[ChunkDomain.Length + 4 + DigestSize];
        ChunkDomain.CopyTo(message);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(ChunkDomain.Length), (uint)_next);
        _link.CopyTo(message.AsSpan(ChunkDomain.Length + 4));
        _next++;
        return message;
    }
}
