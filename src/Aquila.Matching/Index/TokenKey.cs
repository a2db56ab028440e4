using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Aquila.Matching.Index;

/// <summary>Reading and mixing the (key index, 16-byte token) keys of a <see cref="TokenIndex"/>.</summary>
internal static class TokenKey
{
    private const ulong LowMultiplier = 0x9E3779B97F4A7C15UL;
    private const ulong KeyMultiplier = 0xD6E8FEB86659FD93UL;

    /// <summary>
    /// The token's mixed word: bytes 8-15 folded with the first 8 bytes and the key index, then MurmurHash3's 64-bit
    /// finaliser. The finaliser is a bijection, so for a given key index and first 8 bytes the word determines the
    /// last 8 bytes: an entry that stores the first 8 bytes and the whole word stores the whole token. Its high half
    /// places the token in the bucket array and is the bucket's fingerprint.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(byte keyIndex, ulong low, ulong high)
    {
        var h = high ^ (low * LowMultiplier) ^ (keyIndex * KeyMultiplier);
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Read(ReadOnlySpan<byte> token, out ulong low, out ulong high)
    {
        if (token.Length != TokenRekeyer.TokenSize)
        {
            ThrowWrongTokenLength(token.Length);
        }

        low = BinaryPrimitives.ReadUInt64LittleEndian(token);
        high = BinaryPrimitives.ReadUInt64LittleEndian(token[8..]);
    }

    [DoesNotReturn]
    private static void ThrowWrongTokenLength(int length) =>
        throw new ArgumentException($"A token is {TokenRekeyer.TokenSize} bytes; got {length}.");
}
