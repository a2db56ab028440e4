namespace Aquila.Benchmarks;

/// <summary>Deterministic pseudo-random bytes for benchmarks: re-keyed tokens and handles look random anyway.</summary>
internal static class RandomTokens
{
    public static byte[] Bytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
