using System.Security.Cryptography;
using System.Text;

namespace Aquila.Security.Ceremony;

/// <summary>
/// The transcript hash of a ceremony and its human fingerprint. Every participant computes both from the verified
/// roster; parties compare the fingerprint out of band, so a relay that swaps a key or adds a party is seen.
/// </summary>
public static class CeremonyTranscript
{
    /// <summary>
    /// Bytes of the transcript hash shown in the fingerprint (128 bits). A relay sees the genuine registrations before
    /// it chooses keys of its own, so it can search for two transcripts (the one it shows party A, the one it shows party
    /// B) that agree on the fingerprint: a birthday search costs about 2^(bits/2) hashes — 2^40 for the former 80 bits,
    /// feasible within a ceremony's step timeout; 2^64 for 128 bits, which is not.
    /// </summary>
    public const int FingerprintBytes = 16;

    /// <summary>
    /// SHA-256 of label ‖ str16(project id) ‖ u8(count) ‖ for each entry in ordinal order of party code:
    /// str8(party) ‖ ceremony public key (32) ‖ certificate SHA-256 (32). See docs/ceremony.md.
    /// </summary>
    /// <exception cref="ArgumentException">The roster is empty, too long, unsorted, repeats a party or has a field of the wrong length.</exception>
    public static byte[] Hash(string projectId, IReadOnlyList<RosterEntry> roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        if (!CeremonyWire.IsValidProjectId(projectId))
        {
            throw new ArgumentException("Not a valid project id.", nameof(projectId));
        }

        if (roster.Count is 0 or > byte.MaxValue)
        {
            throw new ArgumentException("A roster has 1-255 parties.", nameof(roster));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var label = CeremonyWire.TranscriptLabel;
        hash.AppendData([(byte)label.Length]);
        hash.AppendData(label);
        Span<byte> buffer = stackalloc byte[2 + CeremonyWire.MaxProjectIdBytes];
        hash.AppendData(buffer[..CeremonyWire.WriteStr16(buffer, projectId)]);
        hash.AppendData([(byte)roster.Count]);
        string? previous = null;
        foreach (var entry in roster)
        {
            if (previous is not null && string.CompareOrdinal(previous, entry.Party) >= 0)
            {
                throw new ArgumentException("The roster must be in strictly ascending ordinal order of party code.", nameof(roster));
            }

            if (!PartyCode.IsValid(entry.Party) || entry.CeremonyPublicKey.Length != CeremonyWire.PublicKeyLength
                || entry.CertificateHash.Length != CeremonyWire.HashLength)
            {
                throw new ArgumentException("A roster entry has an invalid party code, public key or certificate hash.", nameof(roster));
            }

            previous = entry.Party;
            hash.AppendData(buffer[..CeremonyWire.WriteStr8(buffer, entry.Party)]);
            hash.AppendData(entry.CeremonyPublicKey.Span);
            hash.AppendData(entry.CertificateHash.Span);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>
    /// The first <see cref="FingerprintBytes"/> bytes of the transcript hash as upper-case hex in groups of four,
    /// e.g. <c>7F3A-91C2-0B4D-E5F6-1234-5678-9ABC-DEF0</c>.
    /// </summary>
    public static string Fingerprint(ReadOnlySpan<byte> transcriptHash)
    {
        if (transcriptHash.Length < FingerprintBytes)
        {
            throw new ArgumentException($"A transcript hash has at least {FingerprintBytes} bytes.", nameof(transcriptHash));
        }

        var hex = Convert.ToHexString(transcriptHash[..FingerprintBytes]);
        var text = new StringBuilder(hex.Length + (hex.Length / 4));
        for (var i = 0; i < hex.Length; i += 4)
        {
            if (i > 0)
            {
                text.Append('-');
            }

            text.Append(hex, i, 4);
        }

        return text.ToString();
    }
}
