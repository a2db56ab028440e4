namespace Aquila.Security.Ceremony;

/// <summary>One verified line of the ceremony roster: what enters the transcript for a party.</summary>
/// <param name="Party">Party code.</param>
/// <param name="CeremonyPublicKey">The party's X25519 ceremony public key (32 bytes).</param>
/// <param name="CertificateHash">SHA-256 of the party's node certificate (DER).</param>
public sealed record RosterEntry(string Party, ReadOnlyMemory<byte> CeremonyPublicKey, ReadOnlyMemory<byte> CertificateHash)
{
    /// <summary>The certificate fingerprint as upper-case hex (as <see cref="PartyIdentity.Fingerprint"/> shows it).</summary>
    public string CertificateFingerprint => Convert.ToHexString(CertificateHash.Span);
}
