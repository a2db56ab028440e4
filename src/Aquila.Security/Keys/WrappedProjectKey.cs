using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Aquila.Security.Keys;

/// <summary>
/// K_project at rest on the node (docs/ceremony.md, "The project key on the node"), format version 2:
/// encrypted to the node's own key (ECDH P-256 with a fresh ephemeral key, HKDF-SHA256, AES-256-GCM with the header
/// as associated data), bound to the ceremony's transcript hash, and signed by the node key, so a file that anyone
/// could make from the node's public certificate — a planted key the planter knows — is refused. An optional
/// confirmation record, also signed by the node key, says the operator compared the transcript fingerprint out of band
/// (<c>aquila node confirm-fingerprint</c>); until it is there the key is not used.
/// </summary>
/// <remarks>
/// Layout: "AQPKWRAP" ‖ u8 version (2) ‖ str16 project id ‖ str8 party ‖ recipient key id (32) ‖ transcript hash (32) ‖
/// ephemeral point (65) ‖ nonce (12) ‖ sealed key (32) ‖ tag (16) ‖ signature (64) [‖ "AQPKCONF" ‖ signature (64)].
/// The first signature covers label ‖ everything before it; the confirmation's covers its label ‖ everything before it.
/// The node's P-256 key signs (TLS, ceremony registrations, this file) and agrees keys here; each use has its own label
/// or HKDF purpose, so no value of one use is a value of another.
/// </remarks>
public static class WrappedProjectKey
{
    /// <summary>Length of the key that is wrapped.</summary>
    public const int KeyLength = 32;

    /// <summary>The format version this code writes and reads.</summary>
    public const byte Version = 2;

    private const int KeyIdLength = 32;
    private const int TranscriptLength = 32;
    private const int PointLength = 65;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int SignatureLength = 64;
    private const int MaxProjectIdBytes = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The first bytes of every wrapped key file.</summary>
    public static ReadOnlySpan<byte> Magic => "AQPKWRAP"u8;

    private static ReadOnlySpan<byte> ConfirmationMagic => "AQPKCONF"u8;

    private static ReadOnlySpan<byte> InfoLabel => "aquila-project-key-wrap-v2"u8;

    private static ReadOnlySpan<byte> FileSignatureLabel => "aquila-project-key-file-v2 signed by the node key"u8;

    private static ReadOnlySpan<byte> ConfirmationLabel => "aquila-project-key-file-v2 fingerprint compared out of band"u8;

    /// <summary>True when <paramref name="file"/> starts like a wrapped key file (and so is not a raw hex key).</summary>
    public static bool IsWrapped(ReadOnlySpan<byte> file) => file.StartsWith(Magic);

    /// <summary>Wraps <paramref name="key"/> for <paramref name="nodeKey"/> and signs the file with it.</summary>
    /// <param name="key">K_project, 32 bytes.</param>
    /// <param name="projectId">The project (1–256 UTF-8 bytes).</param>
    /// <param name="party">The node's party code.</param>
    /// <param name="transcriptHash">The ceremony transcript hash the key was derived under (32 bytes).</param>
    /// <param name="nodeKey">The node's key: the recipient and the signer.</param>
    /// <returns>The file's bytes, not yet confirmed.</returns>
    public static byte[] Wrap(ReadOnlySpan<byte> key, string projectId, string party, ReadOnlySpan<byte> transcriptHash, INodeKey nodeKey)
    {
        ArgumentNullException.ThrowIfNull(nodeKey);
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"A project key is {KeyLength} bytes, not {key.Length}.", nameof(key));
        }

        if (transcriptHash.Length != TranscriptLength)
        {
            throw new ArgumentException($"A transcript hash is {TranscriptLength} bytes.", nameof(transcriptHash));
        }

        if (!PartyCode.IsValid(party))
        {
            throw new ArgumentException("The party code must be 2 or 3 upper-case letters.", nameof(party));
        }

        var projectBytes = ProjectIdBytes(projectId);
        using var recipientAgreement = ECDiffieHellman.Create(nodeKey.PublicKey.ExportParameters(includePrivateParameters: false));
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = ephemeral.ExportParameters(includePrivateParameters: false).Q;

        var headerLength = Magic.Length + 1 + 2 + projectBytes.Length + 1 + party.Length + KeyIdLength + TranscriptLength + PointLength;
        var signedLength = headerLength + NonceLength + KeyLength + TagLength;
        var file = new byte[signedLength + SignatureLength];
        var at = 0;
        at += Put(file.AsSpan(at), Magic);
        file[at++] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(at), (ushort)projectBytes.Length);
        at += 2;
        at += Put(file.AsSpan(at), projectBytes);
        file[at++] = (byte)party.Length;
        at += Encoding.ASCII.GetBytes(party, file.AsSpan(at));
        at += Put(file.AsSpan(at), nodeKey.KeyId.Span);
        at += Put(file.AsSpan(at), transcriptHash);
        file[at++] = 0x04;
        at += Put(file.AsSpan(at), point.X);
        Put(file.AsSpan(at), point.Y);

        var header = file.AsSpan(0, headerLength);
        var nonce = file.AsSpan(headerLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> wrapKey = stackalloc byte[32];
        try
        {
            DeriveWrapKey(ephemeral.DeriveRawSecretAgreement(recipientAgreement.PublicKey), header, projectBytes, wrapKey);
            using var gcm = new AesGcm(wrapKey, TagLength);
            gcm.Encrypt(nonce, key, file.AsSpan(headerLength + NonceLength, KeyLength), file.AsSpan(headerLength + NonceLength + KeyLength, TagLength), header);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrapKey);
        }

        nodeKey.SignData(Labelled(FileSignatureLabel, file.AsSpan(0, signedLength))).CopyTo(file.AsSpan(signedLength));
        return file;
    }

    /// <summary>Reads who the key belongs to and whether it claims to be confirmed, without unwrapping or verifying it.</summary>
    /// <exception cref="InvalidDataException">It is not a wrapped key file of a known version.</exception>
    public static WrappedProjectKeyHeader ReadHeader(ReadOnlySpan<byte> file) => Parse(file, out _);

    /// <summary>
    /// Checks that <paramref name="file"/> was written by <paramref name="nodeKey"/> (and, when it carries one, that its
    /// confirmation was too), and returns its header.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not this node's, or its signature does not verify: it was planted or altered.</exception>
    public static WrappedProjectKeyHeader Verify(ReadOnlySpan<byte> file, INodeKey nodeKey)
    {
        ArgumentNullException.ThrowIfNull(nodeKey);
        var header = Parse(file, out var layout);
        if (!header.RecipientKeyId.Span.SequenceEqual(nodeKey.KeyId.Span))
        {
            throw new InvalidDataException(
                $"The key file is wrapped to another node key (key id {header.RecipientKeyIdShort}…), not to this certificate's key: "
                + "use the certificate directory of the node that joined the ceremony (its key, not a renewed one).");
        }

        if (!nodeKey.PublicKey.VerifyData(Labelled(FileSignatureLabel, file[..layout.SignedLength]), file.Slice(layout.SignedLength, SignatureLength),
                HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new InvalidDataException(
                "The key file is not signed by this node's key: it was not written by `aquila node join` on this node (a planted or altered "
                + "file — anyone can encrypt a key they know to this node's public certificate). Do not use it; delete it, find out who "
                + "wrote it, and join the ceremony again.");
        }

        var confirmedLength = layout.SignedLength + SignatureLength + ConfirmationMagic.Length;
        if (header.Confirmed && !nodeKey.PublicKey.VerifyData(Labelled(ConfirmationLabel, file[..confirmedLength]), file[confirmedLength..],
                HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new InvalidDataException(
                "The key file's fingerprint confirmation is not signed by this node's key: it was altered. Run `aquila node confirm-fingerprint` again.");
        }

        return header;
    }

    /// <summary>
    /// Returns the file with a confirmation record appended (signed by <paramref name="nodeKey"/>): the operator compared
    /// the transcript fingerprint with every other party. A file confirmed already is returned unchanged.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not this node's or does not verify.</exception>
    public static byte[] Confirm(ReadOnlySpan<byte> file, INodeKey nodeKey)
    {
        var header = Verify(file, nodeKey);
        if (header.Confirmed)
        {
            return file.ToArray();
        }

        var confirmed = new byte[file.Length + ConfirmationMagic.Length + SignatureLength];
        file.CopyTo(confirmed);
        ConfirmationMagic.CopyTo(confirmed.AsSpan(file.Length));
        var covered = file.Length + ConfirmationMagic.Length;
        nodeKey.SignData(Labelled(ConfirmationLabel, confirmed.AsSpan(0, covered))).CopyTo(confirmed.AsSpan(covered));
        return confirmed;
    }

    /// <summary>
    /// Verifies the file (<see cref="Verify"/>) and unwraps the key with the node's private key. The error says what is
    /// wrong — another node's file, a file of another project, a planted, damaged or altered file — and never holds key material.
    /// </summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="nodeKey">The node's key.</param>
    /// <param name="expectedProjectId">When given, the file must be for this project.</param>
    /// <returns>K_project (32 bytes); zero it when done.</returns>
    /// <exception cref="InvalidDataException">The file cannot be unwrapped with this key, for the reason given.</exception>
    public static byte[] Unwrap(ReadOnlySpan<byte> file, INodeKey nodeKey, string? expectedProjectId = null)
    {
        ArgumentNullException.ThrowIfNull(nodeKey);
        var header = Parse(file, out var layout);
        if (expectedProjectId is not null && !string.Equals(expectedProjectId, header.ProjectId, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"The key file is the project key of project {header.ProjectId}, not of project {expectedProjectId}.");
        }

        Verify(file, nodeKey);
        var key = new byte[KeyLength];
        Span<byte> wrapKey = stackalloc byte[32];
        try
        {
            var point = file.Slice(layout.PointAt, PointLength);
            using var ephemeral = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33].ToArray(), Y = point[33..].ToArray() },
            });
            var headerBytes = file[..layout.HeaderLength];
            DeriveWrapKey(nodeKey.DeriveRawSecretAgreement(ephemeral.PublicKey), headerBytes, layout.ProjectBytes(file), wrapKey);
            using var gcm = new AesGcm(wrapKey, TagLength);
            var sealedAt = layout.HeaderLength + NonceLength;
            gcm.Decrypt(file.Slice(layout.HeaderLength, NonceLength), file.Slice(sealedAt, KeyLength), file.Slice(sealedAt + KeyLength, TagLength), key,
                headerBytes);
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
        }
    }

    /// <summary>SHA-256 of the certificate's SubjectPublicKeyInfo: the same for a renewed certificate with the same key.</summary>
    public static byte[] KeyId(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) => Pki.PublicKeyHash.Of(certificate);

    private static byte[] Labelled(ReadOnlySpan<byte> label, ReadOnlySpan<byte> data)
    {
        var bytes = new byte[1 + label.Length + data.Length];
        bytes[0] = (byte)label.Length;
        label.CopyTo(bytes.AsSpan(1));
        data.CopyTo(bytes.AsSpan(1 + label.Length));
        return bytes;
    }

    // IKM = the ECDH x-coordinate; salt = the header (binds the ephemeral and recipient keys and the transcript);
    // info = label ‖ str16(project id).
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

    private static WrappedProjectKeyHeader Parse(ReadOnlySpan<byte> file, out Layout layout)
    {
        if (!IsWrapped(file))
        {
            throw new InvalidDataException("It is not a wrapped project key file (it does not start with AQPKWRAP).");
        }

        var at = Magic.Length;
        if (file.Length > at && file[at] == 1)
        {
            throw new InvalidDataException(
                "The key file has format version 1, which is not signed by the node nor bound to the ceremony transcript, so a planted "
                + "file cannot be told from a genuine one. Ask the coordinator to restart the ceremony and join again to get a version 2 file.");
        }

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

        var projectAt = at;
        var projectBytes = file.Slice(at, projectLength);
        at += projectLength;
        var partyLength = file[at++];
        var headerLength = at + partyLength + KeyIdLength + TranscriptLength + PointLength;
        var signedLength = headerLength + NonceLength + KeyLength + TagLength;
        var plain = signedLength + SignatureLength;
        var confirmed = file.Length == plain + ConfirmationMagic.Length + SignatureLength;
        if (file.Length != plain && !confirmed)
        {
            throw Truncated();
        }

        if (confirmed && !file.Slice(plain, ConfirmationMagic.Length).SequenceEqual(ConfirmationMagic))
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
        var transcript = file.Slice(at, TranscriptLength).ToArray();
        at += TranscriptLength;
        if (file[at] != 0x04)
        {
            throw new InvalidDataException("The wrapped key file's ephemeral key is not an uncompressed P-256 point: the file is damaged.");
        }

        layout = new Layout(projectAt, projectLength, headerLength, at, signedLength);
        return new WrappedProjectKeyHeader(projectId, party, keyId, transcript, confirmed);
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

    private readonly record struct Layout(int ProjectAt, int ProjectLength, int HeaderLength, int PointAt, int SignedLength)
    {
        public ReadOnlySpan<byte> ProjectBytes(ReadOnlySpan<byte> file) => file.Slice(ProjectAt, ProjectLength);
    }
}
