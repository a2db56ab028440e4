using System.Security.Cryptography;

namespace Aquila.Security.Ceremony;

/// <summary>
/// The outcome of a successful ceremony: the 32-byte project key, confirmed by every invited party, and the
/// transcript it is bound to. Dispose it once the key is stored (the bytes are zeroed).
/// </summary>
public sealed class ProjectKeyResult : IDisposable
{
    private readonly byte[] _key;
    private readonly byte[] _transcript;

    internal ProjectKeyResult(byte[] key, byte[] transcript, IReadOnlyList<string> parties)
    {
        _key = key;
        _transcript = transcript;
        Parties = parties;
        Fingerprint = CeremonyTranscript.Fingerprint(transcript);
    }

    /// <summary>K_project (32 bytes). Never log it or send it anywhere.</summary>
    public ReadOnlySpan<byte> Key => _key;

    /// <summary>The transcript hash the key is bound to.</summary>
    public ReadOnlySpan<byte> TranscriptHash => _transcript;

    /// <summary>The transcript fingerprint to compare out of band (e.g. <c>7F3A-91C2-0B4D-E5F6-1234-5678-9ABC-DEF0</c>).</summary>
    public string Fingerprint { get; }

    /// <summary>The parties that confirmed, in roster order.</summary>
    public IReadOnlyList<string> Parties { get; }

    /// <inheritdoc/>
    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    /// <inheritdoc/>
    public override string ToString() => $"project key of {Parties.Count} parties, fingerprint {Fingerprint}";
}
