using System.Security.Cryptography;

namespace Aquila.Security.Ceremony;

/// <summary>
/// A party's key confirmation: HMAC-SHA256(K_project, "confirm" ‖ transcript ‖ party). Only a holder of the project
/// key can make it, so a matching tag proves its sender derived the same key from the same transcript.
/// </summary>
public sealed class ConfirmationTag
{
    private readonly byte[] _transcript;
    private readonly byte[] _tag;

    /// <summary>Creates a confirmation from its fields (checked for shape only).</summary>
    /// <exception cref="ArgumentException">A field has the wrong length or form.</exception>
    public ConfirmationTag(string party, ReadOnlySpan<byte> transcript, ReadOnlySpan<byte> tag)
    {
        if (!PartyCode.IsValid(party))
        {
            throw new ArgumentException("The party code must be two or three upper-case letters.", nameof(party));
        }

        if (transcript.Length != CeremonyWire.HashLength)
        {
            throw new ArgumentException($"A transcript hash is {CeremonyWire.HashLength} bytes.", nameof(transcript));
        }

        if (tag.Length != HMACSHA256.HashSizeInBytes)
        {
            throw new ArgumentException($"A confirmation tag is {HMACSHA256.HashSizeInBytes} bytes.", nameof(tag));
        }

        Party = party;
        _transcript = transcript.ToArray();
        _tag = tag.ToArray();
    }

    /// <summary>The confirming party.</summary>
    public string Party { get; }

    /// <summary>The transcript hash the party computed (so a mismatch can be reported with both fingerprints).</summary>
    public ReadOnlySpan<byte> Transcript => _transcript;

    /// <summary>The HMAC-SHA256 tag.</summary>
    public ReadOnlySpan<byte> Tag => _tag;

    /// <summary>Computes the tag a holder of <paramref name="projectKey"/> makes for <paramref name="party"/>.</summary>
    internal static byte[] Compute(ReadOnlySpan<byte> projectKey, ReadOnlySpan<byte> transcript, string party)
    {
        var label = CeremonyWire.ConfirmLabel;
        Span<byte> message = stackalloc byte[label.Length + CeremonyWire.HashLength + 3];
        label.CopyTo(message);
        transcript.CopyTo(message[label.Length..]);
        var length = label.Length + CeremonyWire.HashLength;
        foreach (var c in party)
        {
            message[length++] = (byte)c; // party codes are ASCII (checked by PartyCode.IsValid)
        }

        return HMACSHA256.HashData(projectKey, message[..length]);
    }

    /// <summary>Serialises the confirmation (docs/ceremony.md, "ConfirmationTag").</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[2 + CeremonyWire.Str8Length(Party) + CeremonyWire.HashLength + HMACSHA256.HashSizeInBytes];
        var span = bytes.AsSpan();
        span[0] = CeremonyWire.ConfirmationType;
        span[1] = CeremonyWire.Version;
        var offset = 2 + CeremonyWire.WriteStr8(span[2..], Party);
        offset += CeremonyWire.WriteBytes(span[offset..], _transcript);
        CeremonyWire.WriteBytes(span[offset..], _tag);
        return bytes;
    }

    /// <summary>Parses a serialised confirmation strictly (no trailing bytes).</summary>
    /// <exception cref="CeremonyException">Kind <see cref="CeremonyFailureKind.MalformedMessage"/>.</exception>
    public static ConfirmationTag Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new CeremonyReader(bytes, "confirmation");
        reader.ReadHeader(CeremonyWire.ConfirmationType);
        var party = reader.ReadPartyCode("party code");
        var transcript = reader.ReadFixed(CeremonyWire.HashLength, "transcript hash");
        var tag = reader.ReadFixed(HMACSHA256.HashSizeInBytes, "tag");
        reader.ExpectEnd();
        return new ConfirmationTag(party, transcript, tag);
    }

    /// <inheritdoc/>
    public override string ToString() => $"confirmation of {Party}";
}
