using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Aquila.Matching.Index;

/// <summary>
/// The server's keyed permutation of tokens: AES-128 under K_server on each 16-byte token, applied before a token
/// is stored anywhere. Equal tokens stay equal; without K_server a stored token cannot be mapped back or tested
/// against a guess even by someone who also holds K_project.
/// </summary>
/// <remarks>
/// Uses AES-NI when the CPU has it (allocation-free, tens of nanoseconds per token) and the BCL's AES-ECB otherwise.
/// Instances are safe for concurrent use. Dispose clears the expanded key.
/// </remarks>
public sealed class TokenRekeyer : IDisposable
{
    /// <summary>Size of K_server in bytes (AES-128).</summary>
    public const int KeySize = 16;

    /// <summary>Size of one token in bytes (one AES block).</summary>
    public const int TokenSize = 16;

    private AesRoundKeys _roundKeys;
    private readonly System.Security.Cryptography.Aes? _software;
    private readonly Lock _softwareLock = new();
    private bool _disposed;

    /// <summary>Creates a re-keyer for the given 16-byte server key.</summary>
    /// <param name="serverKey">K_server, exactly <see cref="KeySize"/> bytes.</param>
    public TokenRekeyer(ReadOnlySpan<byte> serverKey)
        : this(serverKey, allowHardware: true)
    {
    }

    /// <summary>Test seam: <paramref name="allowHardware"/> false forces the BCL path.</summary>
    internal TokenRekeyer(ReadOnlySpan<byte> serverKey, bool allowHardware)
    {
        if (serverKey.Length != KeySize)
        {
            throw new ArgumentException($"The server key must be {KeySize} bytes (AES-128); got {serverKey.Length}.", nameof(serverKey));
        }

        IsHardwareAccelerated = allowHardware && X86Aes.IsSupported && Sse2.IsSupported;
        if (IsHardwareAccelerated)
        {
            ExpandKey(Vector128.Create(serverKey), ref _roundKeys);
        }
        else
        {
            _software = System.Security.Cryptography.Aes.Create();
            _software.Key = serverKey.ToArray();
        }
    }

    /// <summary>True when AES-NI instructions are used.</summary>
    public bool IsHardwareAccelerated { get; }

    /// <summary>Re-keys one token. <paramref name="destination"/> may be the same memory as <paramref name="token"/>.</summary>
    /// <param name="token">A 16-byte token.</param>
    /// <param name="destination">Receives the 16-byte re-keyed token.</param>
    public void Rekey(ReadOnlySpan<byte> token, Span<byte> destination)
    {
        if (token.Length != TokenSize)
        {
            ThrowWrongTokenLength(token.Length);
        }

        if (destination.Length < TokenSize)
        {
            ThrowDestinationTooSmall(TokenSize, destination.Length);
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsHardwareAccelerated)
        {
            EncryptBlock(Vector128.Create(token)).CopyTo(destination);
        }
        else
        {
            EncryptSoftware(token, destination[..TokenSize]);
        }
    }

    /// <summary>
    /// Re-keys consecutive 16-byte tokens. <paramref name="destination"/> may be the same memory as
    /// <paramref name="tokens"/> (in-place) but must not partially overlap it.
    /// </summary>
    /// <param name="tokens">A whole number of 16-byte tokens.</param>
    /// <param name="destination">At least as long as <paramref name="tokens"/>.</param>
    public void RekeyMany(ReadOnlySpan<byte> tokens, Span<byte> destination)
    {
        if (tokens.Length % TokenSize != 0)
        {
            ThrowWrongTokenLength(tokens.Length);
        }

        if (destination.Length < tokens.Length)
        {
            ThrowDestinationTooSmall(tokens.Length, destination.Length);
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        if (tokens.IsEmpty)
        {
            return;
        }

        if (!IsHardwareAccelerated)
        {
            EncryptSoftware(tokens, destination[..tokens.Length]);
            return;
        }

        ref var src = ref MemoryMarshal.GetReference(tokens);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var blocks = tokens.Length / TokenSize;
        var i = 0;

        // Four independent blocks per step keep the AES unit's pipeline busy.
        for (; i + 4 <= blocks; i += 4)
        {
            var offset = (nuint)(i * TokenSize);
            var b0 = Vector128.LoadUnsafe(ref src, offset);
            var b1 = Vector128.LoadUnsafe(ref src, offset + 16);
            var b2 = Vector128.LoadUnsafe(ref src, offset + 32);
            var b3 = Vector128.LoadUnsafe(ref src, offset + 48);
            EncryptFour(ref b0, ref b1, ref b2, ref b3);
            b0.StoreUnsafe(ref dst, offset);
            b1.StoreUnsafe(ref dst, offset + 16);
            b2.StoreUnsafe(ref dst, offset + 32);
            b3.StoreUnsafe(ref dst, offset + 48);
        }

        for (; i < blocks; i++)
        {
            var offset = (nuint)(i * TokenSize);
            EncryptBlock(Vector128.LoadUnsafe(ref src, offset)).StoreUnsafe(ref dst, offset);
        }
    }

    /// <summary>Clears the expanded key.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ((Span<Vector128<byte>>)_roundKeys).Clear();
        _software?.Dispose();
    }

    private void EncryptSoftware(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        lock (_softwareLock)
        {
            _software!.EncryptEcb(source, destination, PaddingMode.None);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector128<byte> EncryptBlock(Vector128<byte> block)
    {
        ReadOnlySpan<Vector128<byte>> rk = _roundKeys;
        block ^= rk[0];
        for (var r = 1; r < AesRoundKeys.Count - 1; r++)
        {
            block = X86Aes.Encrypt(block, rk[r]);
        }

        return X86Aes.EncryptLast(block, rk[AesRoundKeys.Count - 1]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EncryptFour(ref Vector128<byte> b0, ref Vector128<byte> b1, ref Vector128<byte> b2, ref Vector128<byte> b3)
    {
        ReadOnlySpan<Vector128<byte>> rk = _roundKeys;
        var k = rk[0];
        b0 ^= k;
        b1 ^= k;
        b2 ^= k;
        b3 ^= k;
        for (var r = 1; r < AesRoundKeys.Count - 1; r++)
        {
            k = rk[r];
            b0 = X86Aes.Encrypt(b0, k);
            b1 = X86Aes.Encrypt(b1, k);
            b2 = X86Aes.Encrypt(b2, k);
            b3 = X86Aes.Encrypt(b3, k);
        }

        k = rk[AesRoundKeys.Count - 1];
        b0 = X86Aes.EncryptLast(b0, k);
        b1 = X86Aes.EncryptLast(b1, k);
        b2 = X86Aes.EncryptLast(b2, k);
        b3 = X86Aes.EncryptLast(b3, k);
    }

    // FIPS-197 key expansion with AESKEYGENASSIST; the round constants must be immediates, hence the unrolling.
    private static void ExpandKey(Vector128<byte> key, ref AesRoundKeys rk)
    {
        rk[0] = key;
        rk[1] = key = ExpandStep(key, X86Aes.KeygenAssist(key, 0x01));
        rk[2] = key = ExpandStep(key, X86Aes.KeygenAssist(key, 0x02));
        rk[3] = key = ExpandStep(key, X86Aes.KeygenAssist(key, 0x04));
        rk[4] = key = ExpandStep(key, X86Aes.KeygenAssist(key, 0x08));
        rk[5] = key = ExpandStep(key, X86Aes.KeygenAssist(key, 0x10));
        rk[6] = key = ExpandStep(key, X86Aes.KeygenAssist(key, 0x20));
        rk[7] = key = ExpandStep(key, X86Aes.KeygenAssist(key, 0x40));
        rk[8] = key = ExpandStep(key, X86Aes.KeygenAssist(key, 0x80));
        rk[9] = key = ExpandStep(key, X86Aes.KeygenAssist(key, 0x1B));
        rk[10] = ExpandStep(key, X86Aes.KeygenAssist(key, 0x36));
    }

    private static Vector128<byte> ExpandStep(Vector128<byte> key, Vector128<byte> assist)
    {
        // Broadcast the rotated, substituted, rcon-xored last word; then xor in the running prefix of the words.
        assist = Sse2.Shuffle(assist.AsUInt32(), 0xFF).AsByte();
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        return key ^ assist;
    }

    [DoesNotReturn]
    private static void ThrowWrongTokenLength(int length) =>
        throw new ArgumentException($"Tokens are {TokenSize} bytes each; got a span of {length} bytes.");

    [DoesNotReturn]
    private static void ThrowDestinationTooSmall(int needed, int actual) =>
        throw new ArgumentException($"The destination needs {needed} bytes; got {actual}.");
}
