using System.Security.Cryptography;

namespace Aquila.Tokens.Derivation;

/// <summary>
/// Derives tokens: the first 16 bytes of HMAC-SHA256(K_project, message). Holds one reused
/// <see cref="IncrementalHash"/>, so it is cheap per call and not thread-safe: use one per thread.
/// </summary>
public sealed class TokenDeriver : IDisposable
{
    /// <summary>Token length in bytes.</summary>
    public const int TokenLength = 16;

    private readonly IncrementalHash _hmac;

    /// <summary>Creates a deriver for a project key.</summary>
    public TokenDeriver(ProjectKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Bytes);
    }

    /// <summary>Writes the 16-byte token of <paramref name="message"/> into <paramref name="token"/>.</summary>
    public void Derive(ReadOnlySpan<byte> message, Span<byte> token)
    {
        Span<byte> mac = stackalloc byte[32];
        _hmac.AppendData(message);
        _hmac.GetHashAndReset(mac);
        mac[..TokenLength].CopyTo(token);
    }

    /// <inheritdoc />
    public void Dispose() => _hmac.Dispose();
}
