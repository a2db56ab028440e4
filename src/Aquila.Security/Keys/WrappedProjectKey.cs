using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Aquila.Security.Keys;

/// <summary>
/// K_project encrypted at rest to the node's own certificate key (docs/ceremony.md, "The project key on the node"):
/// ECDH P-256 between a fresh ephemeral key and the node's static key, HKDF-SHA256 (info names the project),
/// AES-256-GCM with the whole header (project id, party, recipient key id, ephemeral key) as associated data. Only the
/// holder of the node's private key can unwrap it; the ephemeral private key is never stored.
/// </summary>
/// <remarks>
/// The node's P-256 key signs (TLS, ceremony registrations) and here also agrees keys; the wrap key is derived through
/// HKDF with a purpose label, so no value of one use is ever a value of the other.
/// </remarks>
public static class WrappedProjectKey
{
    /// <summary>Length of the key that is wrapped.</summary>
    public const int KeyLength = 32;

    /// <summary>The format version this code writes and reads.</summary>
    public const byte Version = 1;

    private const int KeyIdLength = 32;
    private const int PointLength = 65;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int MaxProjectIdBytes = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The first bytes of every wrapped key file.</summary>
    public static ReadOnlySpan<byte> Magic => "AQPKWRAP"u8;

    private static ReadOnlySpan<byte> InfoLabel => "aquila-project-key-wrap-v1"u8;

    /// <summary>True when <paramref name="file"/> starts like a wrapped key file (and so is not a raw hex key).</summary>
    public static bool IsWrapped(ReadOnlySpan<byte> file) => file.StartsWith(Magic);

    /// <summary>Wraps <paramref name="key"/> for the holder of <paramref name="nodeCertificate"/>'s private key.</summary>
    /// <param name="key">K_project, 32 bytes.</param>
    /// <param name="projectId">The project (1–256 UTF-8 bytes).</param>
    /// <param name="party">The node's party code.</param>
    /// <param name="nodeCertificate">The node's P-256 certificate; only its public key is used.</param>
    /// <returns>The file's bytes.</returns>
    public static byte[] Wrap(ReadOnlySpan<byte> key, string projectId, string party, X509Certificate2 nodeCertificate)
    {
        ArgumentNullException.ThrowIfNull(nodeCertificate);
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"A project key is {KeyLength} bytes, not {key.Length}.", nameof(key));
        }

        if (!PartyCode.IsValid(party))
        {
            throw new ArgumentException("The party code must be 2 or 3 upper-case letters.", nameof(party));
        }

        var projectBytes = ProjectIdBytes(projectId);
        using var recipient = nodeCertificate.GetECDsaPublicKey()
            ?? throw new ArgumentException("The node certificate has no P-256 key.", nameof(nodeCertificate));
        using var recipientAgreement = ECDiffieHellman.Create(recipient.ExportParameters(includePrivateParameters: false));
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = ephemeral.ExportParameters(includePrivateParameters: false).Q;

        var headerLength = Magic.Length + 1 + 2 + projectBytes.Length + 1 + party.Length + KeyIdLength + PointLength;
        var file = new byte[headerLength + NonceLength + KeyLength + TagLength];
        var at = 0;
        at += Put(file.AsSpan(at), Magic);
        file[at++] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(at), (ushort)projectBytes.Length);
        at += 2;
        at += Put(file.AsSpan(at), projectBytes);
        file[at++] = (byte)party.Length;
        at += Encoding.ASCII.GetBytes(party, file.AsSpan(at));
        at += Put(file.AsSpan(at), KeyId(nodeCertificate));
        file[at++] = 0x04;
        at += Put(file.AsSpan(at), point.X);
        at += Put(file.AsSpan(at), point.Y);

        var header = file.AsSpan(0, headerLength);
        var nonce = file.AsSpan(headerLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> wrapKey = stackalloc byte[32];
        try
        {
            DeriveWrapKey(ephemeral.DeriveRawSecretAgreement(recipientAgreement.PublicKey), header, projectBytes, wrapKey);
            using var gcm = new AesGcm(wrapKey, TagLength);
            gcm.Encrypt(nonce, key, file.AsSpan(headerLength + NonceLength, KeyLength), file.AsSpan(headerLength + NonceLength + KeyLength), header);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrapKey);
        }

        return file;
    }

    /// <summary>Reads who the key belongs to, without unwrapping it (no secret needed, none revealed).</summary>
    /// <exception cref="InvalidDataException">It is not a wrapped key file of a known version.</exception>
    public static WrappedProjectKeyHeader ReadHeader(ReadOnlySpan<byte> file) => Parse(file, out _, out _, out _);

    /// <summary>
    /// Unwraps the key with the node's private key. The error says what is wrong — another node's file, a file of another
    /// project, a damaged or altered file — and never holds key material.
    /// </summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="nodeCertificate">The node's certificate with its private key.</param>
    /// <param name="expectedProjectId">When given, the file must be for this project.</param>
    /// <returns>K_project (32 bytes); zero it when done.</returns>
    /// <exception cref="InvalidDataException">The file cannot be unwrapped with this key, for the reason given.</exception>
    public static byte[] Unwrap(ReadOnlySpan<byte> file, X509Certificate2 nodeCertificate, string? expectedProjectId = null)
    {
        ArgumentNullException.ThrowIfNull(nodeCertificate);
        var header = Parse(file, out var headerLength, out var point, out var projectBytes);
        if (expectedProjectId is not null && !string.Equals(expectedProjectId, header.ProjectId, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"The key file is the project key of project {header.ProjectId}, not of project {expectedProjectId}.");
        }

        if (!header.RecipientKeyId.Span.SequenceEqual(KeyId(nodeCertificate)))
        {
            throw new InvalidDataException(
                $"The key file is wrapped to another node key (key id {header.RecipientKeyIdShort}…), not to this certificate's key: "
                + "use the certificate directory of the node that joined the ceremony (its key, not a renewed one).");
        }

        using var own = nodeCertificate.GetECDsaPrivateKey()
            ?? throw new InvalidDataException("The node certificate was loaded without its private key; the key file cannot be unwrapped.");
        var key = new byte[KeyLength];
        Span<byte> wrapKey = stackalloc byte[32];
        ECParameters parameters = default;
        try
        {
            parameters = own.ExportParameters(includePrivateParameters: true);
            using var agreement = ECDiffieHellman.Create(parameters);
            using var ephemeral = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33].ToArray(), Y = point[33..].ToArray() },
            });
            DeriveWrapKey(agreement.DeriveRawSecretAgreement(ephemeral.PublicKey), file[..headerLength], projectBytes, wrapKey);
            using var gcm = new AesGcm(wrapKey, TagLength);
            var sealedKey = file.Slice(headerLength + NonceLength, KeyLength);
            gcm.Decrypt(file.Slice(headerLength, NonceLength), sealedKey, file.Slice(headerLength + NonceLength + KeyLength, TagLength), key,
                file[..headerLength]);
            return key;
        }
        catch (CryptographicException e)
        {
            CryptographicOperations.ZeroMemory(key);
            throw new InvalidDataException(
                "The key file is damaged or was altered: its authentication tag does not verify under this node's key.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrapKey);
            if (parameters.D is { } d)
            {
                CryptographicOperations.ZeroMemory(d);
            }
        }
    }

    /// <summary>SHA-256 of the certificate's SubjectPublicKeyInfo: the same for a renewed certificate with the same key.</summary>
    public static byte[] KeyId(X509Certificate2 certificate) => Pki.PublicKeyHash.Of(certificate);

    // IKM = the ECDH x-coordinate; salt = the header (binds the ephemeral and recipient keys); info = label ‖ str16(project id).
    private static void DeriveWrapKey(byte[] secret, ReadOnlySpan<byte> header, ReadOnlySpan<byte> projectBytes, Span<byte> wrapKey)
    {
        try
        {
            Span<byte> info = stackalloc byte[InfoLabel.Length + 2 + MaxProjectIdBytes];
            InfoLabel.CopyTo(info);
            BinaryPrimitives.WriteUInt16BigEndian(info[InfoLabel.Length..], (ushort)projectBytes.Length);
            projectBytes.CopyTo(info[(InfoLabel.Length + 2)..]);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, wrapKey, header, info[..(InfoLabel.Length + 2 + projectBytes.Length)]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static WrappedProjectKeyHeader Parse(ReadOnlySpan<byte> file, out int headerLength, out ReadOnlySpan<byte> point,
        out ReadOnlySpan<byte> projectBytes)
    {
        if (!IsWrapped(file))
        {
            throw new InvalidDataException("It is not a wrapped project key file (it does not start with AQPKWRAP).");
        }

        var at = Magic.Length;
        if (file.Length < at + 1 || file[at] != Version)
        {
            throw new InvalidDataException(
                $"The wrapped key file has format version {(file.Length > at ? file[at] : 0)}; this build reads version {Version}.");
        }

        at++;
        var projectLength = file.Length >= at + 2 ? BinaryPrimitives.ReadUInt16BigEndian(file[at..]) : 0;
        at += 2;
        if (projectLength is 0 or > MaxProjectIdBytes || file.Length < at + projectLength + 1)
        {
            throw Truncated();
        }

        projectBytes = file.Slice(at, projectLength);
        at += projectLength;
        var partyLength = file[at++];
        headerLength = at + partyLength + KeyIdLength + PointLength;
        if (file.Length != headerLength + NonceLength + KeyLength + TagLength)
        {
            throw Truncated();
        }

        string projectId;
        try
        {
            projectId = StrictUtf8.GetString(projectBytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("The wrapped key file's project id is not valid UTF-8: the file is damaged.");
        }

        var party = Encoding.ASCII.GetString(file.Slice(at, partyLength));
        if (!PartyCode.IsValid(party))
        {
            throw new InvalidDataException("The wrapped key file's party code is malformed: the file is damaged.");
        }

        at += partyLength;
        var keyId = file.Slice(at, KeyIdLength).ToArray();
        at += KeyIdLength;
        point = file.Slice(at, PointLength);
        if (point[0] != 0x04)
        {
            throw new InvalidDataException("The wrapped key file's ephemeral key is not an uncompressed P-256 point: the file is damaged.");
        }

        return new WrappedProjectKeyHeader(projectId, party, keyId);
    }

    private static byte[] ProjectIdBytes(string projectId)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        var bytes = Encoding.UTF8.GetBytes(projectId);
        return bytes.Length <= MaxProjectIdBytes
            ? bytes
            : throw new ArgumentException($"A project id is at most {MaxProjectIdBytes} UTF-8 bytes.", nameof(projectId));
    }

    private static int Put(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        value.CopyTo(destination);
        return value.Length;
    }

    private static InvalidDataException Truncated() =>
        new("The wrapped key file is truncated or has extra bytes: it is damaged.");
}
