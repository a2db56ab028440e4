using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Aquila.Security.Ceremony;

/// <summary>
/// A party's ceremony registration: its X25519 ceremony public key, bound to the project and the party by an
/// ECDSA P-256 signature of its node certificate's key. The relay passes it on as opaque bytes
/// (<see cref="ToBytes"/> / <see cref="Parse"/>); every participant verifies every registration itself.
/// </summary>
public sealed class Registration
{
    private readonly byte[] _ceremonyPublicKey;
    private readonly byte[] _certificate;
    private readonly byte[] _signature;

    /// <summary>Creates a registration from its fields (checked for shape only; the signature is verified by participants).</summary>
    /// <exception cref="ArgumentException">A field has the wrong length or form.</exception>
    public Registration(
        string projectId, string party, ReadOnlySpan<byte> ceremonyPublicKey, ReadOnlySpan<byte> certificate, ReadOnlySpan<byte> signature)
    {
        if (!CeremonyWire.IsValidProjectId(projectId))
        {
            throw new ArgumentException($"A project id is 1-{CeremonyWire.MaxProjectIdBytes} UTF-8 bytes without control characters.", nameof(projectId));
        }

        if (!PartyCode.IsValid(party))
        {
            throw new ArgumentException("The party code must be two or three upper-case letters.", nameof(party));
        }

        if (ceremonyPublicKey.Length != CeremonyWire.PublicKeyLength)
        {
            throw new ArgumentException($"A ceremony public key is {CeremonyWire.PublicKeyLength} bytes.", nameof(ceremonyPublicKey));
        }

        if (certificate.Length is 0 or > CeremonyWire.MaxCertificateBytes)
        {
            throw new ArgumentException($"The certificate must be 1-{CeremonyWire.MaxCertificateBytes} bytes of DER.", nameof(certificate));
        }

        if (signature.Length != CeremonyWire.SignatureLength)
        {
            throw new ArgumentException($"The signature is {CeremonyWire.SignatureLength} bytes (IEEE P1363 r||s).", nameof(signature));
        }

        ProjectId = projectId;
        Party = party;
        _ceremonyPublicKey = ceremonyPublicKey.ToArray();
        _certificate = certificate.ToArray();
        _signature = signature.ToArray();
        CertificateHash = SHA256.HashData(_certificate);
    }

    /// <summary>The project the key is registered for.</summary>
    public string ProjectId { get; }

    /// <summary>The registered party's code.</summary>
    public string Party { get; }

    /// <summary>The party's X25519 ceremony public key (32 bytes).</summary>
    public ReadOnlySpan<byte> CeremonyPublicKey => _ceremonyPublicKey;

    /// <summary>The party's node certificate (DER).</summary>
    public ReadOnlySpan<byte> Certificate => _certificate;

    /// <summary>ECDSA P-256 SHA-256 signature (IEEE P1363, 64 bytes) over <see cref="SignedData()"/>.</summary>
    public ReadOnlySpan<byte> Signature => _signature;

    /// <summary>SHA-256 of <see cref="Certificate"/>: the certificate fingerprint that enters the transcript.</summary>
    public byte[] CertificateHash { get; }

    /// <summary>
    /// The bytes the node certificate's key signs: label, project id, party, ceremony public key and certificate
    /// hash, length-prefixed (docs/ceremony.md, "Registration signature").
    /// </summary>
    public static byte[] SignedData(string projectId, string party, ReadOnlySpan<byte> ceremonyPublicKey, ReadOnlySpan<byte> certificateHash)
    {
        var label = CeremonyWire.RegistrationLabel;
        var data = new byte[1 + label.Length + CeremonyWire.Str16Length(projectId) + CeremonyWire.Str8Length(party)
                            + CeremonyWire.PublicKeyLength + CeremonyWire.HashLength];
        var span = data.AsSpan();
        span[0] = (byte)label.Length;
        var offset = 1 + CeremonyWire.WriteBytes(span[1..], label);
        offset += CeremonyWire.WriteStr16(span[offset..], projectId);
        offset += CeremonyWire.WriteStr8(span[offset..], party);
        offset += CeremonyWire.WriteBytes(span[offset..], ceremonyPublicKey);
        CeremonyWire.WriteBytes(span[offset..], certificateHash);
        return data;
    }

    /// <summary>The bytes this registration's signature must cover.</summary>
    public byte[] SignedData() => SignedData(ProjectId, Party, _ceremonyPublicKey, CertificateHash);

    /// <summary>Serialises the registration (docs/ceremony.md, "Registration").</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[2 + CeremonyWire.Str16Length(ProjectId) + CeremonyWire.Str8Length(Party) + CeremonyWire.PublicKeyLength
                             + 2 + _certificate.Length + CeremonyWire.SignatureLength];
        var span = bytes.AsSpan();
        span[0] = CeremonyWire.RegistrationType;
        span[1] = CeremonyWire.Version;
        var offset = 2 + CeremonyWire.WriteStr16(span[2..], ProjectId);
        offset += CeremonyWire.WriteStr8(span[offset..], Party);
        offset += CeremonyWire.WriteBytes(span[offset..], _ceremonyPublicKey);
        BinaryPrimitives.WriteUInt16BigEndian(span[offset..], (ushort)_certificate.Length);
        offset += 2 + CeremonyWire.WriteBytes(span[(offset + 2)..], _certificate);
        CeremonyWire.WriteBytes(span[offset..], _signature);
        return bytes;
    }

    /// <summary>Parses a serialised registration strictly (no trailing bytes).</summary>
    /// <exception cref="CeremonyException">Kind <see cref="CeremonyFailureKind.MalformedMessage"/>.</exception>
    public static Registration Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new CeremonyReader(bytes, "registration");
        reader.ReadHeader(CeremonyWire.RegistrationType);
        var projectId = reader.ReadProjectId();
        var party = reader.ReadPartyCode("party code");
        var publicKey = reader.ReadFixed(CeremonyWire.PublicKeyLength, "ceremony public key");
        var certificate = reader.ReadBytes16(1, CeremonyWire.MaxCertificateBytes, "certificate");
        var signature = reader.ReadFixed(CeremonyWire.SignatureLength, "signature");
        reader.ExpectEnd();
        return new Registration(projectId, party, publicKey, certificate, signature);
    }

    /// <summary>Party and certificate fingerprint prefix, safe for logs.</summary>
    public override string ToString() => $"registration of {Party} (certificate {Convert.ToHexString(CertificateHash, 0, 8)}...)";
}
