using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;
using X86Sse2 = System.Runtime.Intrinsics.X86.Sse2;

namespace Aquila.Tokens.Comparison;

/// <summary>
/// AES-128 in ECB mode under a key that changes for every block value (the salt). A record has up to ~14 salts and each
/// enciphers only ~50 blocks, so the platform cipher's per-key set-up (a new OpenSSL context per key) cost more than
/// the enciphering itself; on x86 with AES-NI the key schedule and rounds run here in registers instead. Output is
/// plain FIPS-197 AES either way (tests check the two paths against each other). Not thread-safe.
/// </summary>
internal sealed class SaltCipher : IDisposable
{
    private const int Rounds = 10;

    private readonly Vector128<byte>[] _roundKeys = new Vector128<byte>[Rounds + 1];
    private readonly System.Security.Cryptography.Aes? _platform;

    /// <summary>A cipher that uses AES-NI when <paramref name="useIntrinsics"/> and the CPU has it, else the platform AES.</summary>
    public SaltCipher(bool useIntrinsics = true)
    {
        UsesIntrinsics = useIntrinsics && X86Aes.IsSupported;
        if (!UsesIntrinsics)
        {
            _platform = System.Security.Cryptography.Aes.Create();
        }
    }

    /// <summary>Whether the AES-NI path is in use.</summary>
    public bool UsesIntrinsics { get; }

    /// <summary>Enciphers <paramref name="input"/> (whole 16-byte blocks) under the 16-byte <paramref name="key"/> into <paramref name="output"/>.</summary>
    public void EncryptEcb(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (!UsesIntrinsics)
        {
            _platform!.SetKey(key[..16]);
            _platform.EncryptEcb(input, output, PaddingMode.None);
            return;
        }

        ExpandKey(Vector128.Create(key[..16]));
        var k = _roundKeys;
        for (var offset = 0; offset + 16 <= input.Length; offset += 16)
        {
            var state = X86Sse2.Xor(Vector128.Create(input.Slice(offset, 16)), k[0]);
            for (var r = 1; r < Rounds; r++)
            {
                state = X86Aes.Encrypt(state, k[r]);
            }

            X86Aes.EncryptLast(state, k[Rounds]).CopyTo(output.Slice(offset, 16));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _platform?.Dispose();
        Array.Clear(_roundKeys);
    }

    // The FIPS-197 AES-128 key schedule; the round constants must be immediates, hence unrolled.
    private void ExpandKey(Vector128<byte> key)
    {
        var k = _roundKeys;
        k[0] = key;
        k[1] = Next(k[0], X86Aes.KeygenAssist(k[0], 0x01));
        k[2] = Next(k[1], X86Aes.KeygenAssist(k[1], 0x02));
        k[3] = Next(k[2], X86Aes.KeygenAssist(k[2], 0x04));
        k[4] = Next(k[3], X86Aes.KeygenAssist(k[3], 0x08));
        k[5] = Next(k[4], X86Aes.KeygenAssist(k[4], 0x10));
        k[6] = Next(k[5], X86Aes.KeygenAssist(k[5], 0x20));
        k[7] = Next(k[6], X86Aes.KeygenAssist(k[6], 0x40));
        k[8] = Next(k[7], X86Aes.KeygenAssist(k[7], 0x80));
        k[9] = Next(k[8], X86Aes.KeygenAssist(k[8], 0x1b));
        k[10] = Next(k[9], X86Aes.KeygenAssist(k[9], 0x36));
    }

    // Word i of the next round key is word i of this one xor all words before it, xor the rotated, substituted last word.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Next(Vector128<byte> key, Vector128<byte> assist)
    {
        var last = X86Sse2.Shuffle(assist.AsInt32(), 0xFF).AsByte();
        key = X86Sse2.Xor(key, X86Sse2.ShiftLeftLogical128BitLane(key, 4));
        key = X86Sse2.Xor(key, X86Sse2.ShiftLeftLogical128BitLane(key, 4));
        key = X86Sse2.Xor(key, X86Sse2.ShiftLeftLogical128BitLane(key, 4));
        return X86Sse2.Xor(key, last);
    }
}
