namespace Aquila.Security.Ceremony;

/// <summary>
/// One party's 32-byte share, sealed for one other party (X25519 + HKDF-SHA256 + AES-256-GCM). The relay sees who
/// sends to whom and nothing else; <see cref="Transcript"/> lets the recipient refuse a share of another ceremony
/// before it tries to open it.
/// </summary>
public sealed class ShareEnvelope
{
    private readonly byte[] _transcript;
    private readonly byte[] _nonce;
    private readonly byte[] _sealedShare;

    /// <summary>Creates an envelope from its fields (checked for shape only).</summary>
    /// <exception cref="ArgumentException">A field has the wrong length or form.</exception>
    public ShareEnvelope(string from, string to, ReadOnlySpan<byte> transcript, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedShare)
    {
        if (!PartyCode.IsValid(from))
        {
            throw new ArgumentException("The sender must be a party code of two or three upper-case letters.", nameof(from));
        }

        if (!PartyCode.IsValid(to))
        {
            throw new ArgumentException("The recipient must be a party code of two or three upper-case letters.", nameof(to));
        }

        if (transcript.Length != CeremonyWire.HashLength)
        {
            throw new ArgumentException($"A transcript hash is {CeremonyWire.HashLength} bytes.", nameof(transcript));
        }

        if (nonce.Length != CeremonyWire.NonceLength)
        {
            throw new ArgumentException($"An AES-GCM nonce is {CeremonyWire.NonceLength} bytes.", nameof(nonce));
        }

        if (sealedShare.Length != CeremonyWire.SealedShareLength)
        {
            throw new ArgumentException($"A sealed share is {CeremonyWire.SealedShareLength} bytes (ciphertext and tag).", nameof(sealedShare));
        }

        From = from;
        To = to;
        _transcript = transcript.ToArray();
        _nonce = nonce.ToArray();
        _sealedShare = sealedShare.ToArray();
    }

    /// <summary>The sending party.</summary>
    public string From { get; }

    /// <summary>The party the share is sealed for: the relay routes on this.</summary>
    public string To { get; }

    /// <summary>The sender's transcript hash.</summary>
    public ReadOnlySpan<byte> Transcript => _transcript;

    /// <summary>The AES-GCM nonce (12 bytes, random).</summary>
    public ReadOnlySpan<byte> Nonce => _nonce;

    /// <summary>AES-256-GCM ciphertext of the share followed by its 16-byte tag.</summary>
    public ReadOnlySpan<byte> SealedShare => _sealedShare;

    /// <summary>Serialises the envelope (docs/ceremony.md, "ShareEnvelope").</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[2 + CeremonyWire.Str8Length(From) + CeremonyWire.Str8Length(To) + CeremonyWire.HashLength
                             + CeremonyWire.NonceLength + CeremonyWire.SealedShareLength];
        var span = bytes.AsSpan();
        span[0] = CeremonyWire.ShareType;
        span[1] = CeremonyWire.Version;
        var offset = 2 + CeremonyWire.WriteStr8(span[2..], From);
        offset += CeremonyWire.WriteStr8(span[offset..], To);
        offset += CeremonyWire.WriteBytes(span[offset..], _transcript);
        offset += CeremonyWire.WriteBytes(span[offset..], _nonce);
        CeremonyWire.WriteBytes(span[offset..], _sealedShare);
        return bytes;
    }

    /// <summary>Parses a serialised envelope strictly (no trailing bytes).</summary>
    /// <exception cref="CeremonyException">Kind <see cref="CeremonyFailureKind.MalformedMessage"/>.</exception>
    public static ShareEnvelope Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new CeremonyReader(bytes, "share envelope");
        reader.ReadHeader(CeremonyWire.ShareType);
        var from = reader.ReadPartyCode("sender");
        var to = reader.ReadPartyCode("recipient");
        var transcript = reader.ReadFixed(CeremonyWire.HashLength, "transcript hash");
        var nonce = reader.ReadFixed(CeremonyWire.NonceLength, "nonce");
        var sealedShare = reader.ReadFixed(CeremonyWire.SealedShareLength, "sealed share");
        reader.ExpectEnd();
        return new ShareEnvelope(from, to, transcript, nonce, sealedShare);
    }

    /// <inheritdoc/>
    public override string ToString() => $"share {From} -> {To}";
}
