using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Aquila.Matching.Index;

/// <summary>Reading and hashing the (key index, 16-byte token) keys of a <see cref="TokenIndex"/>.</summary>
internal static class TokenKey
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(byte keyIndex, ulong low, ulong high)
    {
        // MurmurHash3's 64-bit finaliser over the folded token: cheap, and spreads even non-random test tokens.
        var h = low ^ BitOperations.RotateLeft(high, 31) ^ ((ulong)keyIndex * 0x9E3779B97F4A7C15UL);
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
