using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Aquila.Security.Lists;

/// <summary>
/// A list query as its node signed it: the signed fields, the signature and the signer's certificate. The server keeps
/// it with every query hit (in the contributor's notification, through restarts) and its fields in the audit chain, so
/// the querying party cannot later deny a query and the contributor can check who asked, for which case and officer,
/// without trusting the server. It holds digests of the tokens, never a token.
/// </summary>
/// <remarks>
/// Layout (integers big-endian, strings u16 length + UTF-8): "AQSQ1" ‖ project id ‖ case reference ‖ officer id ‖
/// 32-byte schema SHA-256 ‖ 32-byte SHA-256 of the token entries ‖ i64 signing time (Unix ms) ‖ 16-byte nonce ‖
/// u8 signature length ‖ signature ‖ u16 certificate length ‖ certificate (DER).
/// </remarks>
public sealed record SignedQuery(
    string ProjectId,
    string CaseReference,
    string OfficerId,
    ReadOnlyMemory<byte> SchemaSha256,
    ReadOnlyMemory<byte> TokenEntriesSha256,
    long SignedAtUnixMs,
    ReadOnlyMemory<byte> Nonce,
    ReadOnlyMemory<byte> Signature,
    ReadOnlyMemory<byte> SignerCertificate)
{
    /// <summary>Largest encoding accepted when decoding.</summary>
    public const int MaxEncodedLength = 8192;

    /// <summary>Audit-entry detail keys of an answered query (besides <c>case_reference</c> and <c>officer</c>).</summary>
    public const string AuditSchemaKey = "schema_sha256", AuditTokensKey = "tokens_sha256", AuditSignedAtKey = "signed_at_unix_ms",
        AuditNonceKey = "nonce", AuditSignatureKey = "signature", AuditSignerKey = "signer_sha256";

    private static ReadOnlySpan<byte> Magic => "AQSQ1"u8;

    /// <summary>
    /// Rebuilds the signed query from an answered query's audit-entry details and the signer's certificate (which the
    /// entry names by its SHA-256 fingerprint). Returns null with <paramref name="problem"/> when the entry lacks a
    /// field or names another certificate.
    /// </summary>
    public static SignedQuery? FromAudit(string projectId, IReadOnlyDictionary<string, string> details, X509Certificate2 signer,
        out string? problem)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(signer);
        string Get(string key) => details.TryGetValue(key, out var value) ? value : "";
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(signer.RawData));
        if (Get(AuditSignerKey).Length == 0 || Get(AuditSignatureKey).Length == 0)
        {
            problem = "the entry holds no signed query (entries written before 2026-12-07 do not)";
            return null;
        }

        if (!string.Equals(Get(AuditSignerKey), fingerprint, StringComparison.Ordinal))
        {
            problem = $"the entry names the signer certificate sha256:{Get(AuditSignerKey)}, not the one given (sha256:{fingerprint})";
            return null;
        }

        try
        {
            problem = null;
            return new SignedQuery(projectId, Get("case_reference"), Get("officer"), Convert.FromHexString(Get(AuditSchemaKey)),
                Convert.FromHexString(Get(AuditTokensKey)), long.Parse(Get(AuditSignedAtKey), System.Globalization.CultureInfo.InvariantCulture),
                Convert.FromHexString(Get(AuditNonceKey)), Convert.FromHexString(Get(AuditSignatureKey)), signer.RawData);
        }
        catch (FormatException)
        {
            problem = "a signed field of the entry is malformed";
            return null;
        }
    }

    /// <summary>The signed bytes (<see cref="QuerySignature.MessageOfDigest"/>).</summary>
    public byte[] Message() => QuerySignature.MessageOfDigest(ProjectId, CaseReference, OfficerId, SchemaSha256.Span,
        TokenEntriesSha256.Span, SignedAtUnixMs, Nonce.Span);

    /// <summary>The evidence of a query whose signature the server has just verified.</summary>
    public static SignedQuery Of(string projectId, string caseReference, string officerId, ReadOnlySpan<byte> schemaSha256,
        ReadOnlySpan<byte> tokenEntries, long signedAtUnixMs, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> signature,
        X509Certificate2 signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return new SignedQuery(projectId, caseReference, officerId, schemaSha256.ToArray(), SHA256.HashData(tokenEntries),
            signedAtUnixMs, nonce.ToArray(), signature.ToArray(), signer.RawDataMemory); // RawData would copy the certificate per query
    }

    /// <summary>The SHA-256 fingerprint of the signer's certificate, lower-case hex.</summary>
    public string SignerFingerprint => Convert.ToHexStringLower(SHA256.HashData(SignerCertificate.Span));

    /// <summary>
    /// Checks the evidence on its own: the signer's certificate was issued by <paramref name="authority"/>, names
    /// <paramref name="expectedParty"/> as a node, was valid when the query was signed, and its key made the signature.
    /// Returns null when all hold, otherwise what failed.
    /// </summary>
    public string? Verify(X509Certificate2 authority, string expectedParty)
    {
        ArgumentNullException.ThrowIfNull(authority);
        X509Certificate2 signer;
        try
        {
            signer = X509CertificateLoader.LoadCertificate(SignerCertificate.Span);
        }
        catch (CryptographicException)
        {
            return "the signer's certificate cannot be read";
        }

        using (signer)
        {
            if (!PartyIdentity.TryFromCertificate(signer, out var identity, out _) || identity.Party != expectedParty
                || identity.Role != PartyRole.Node)
            {
                return $"the signer's certificate is not a node certificate of party {expectedParty}";
            }

            var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(SignedAtUnixMs, 0, 253402300799999)).UtcDateTime;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.ChainPolicy.VerificationTime = signedAt;
            if (!chain.Build(signer))
            {
                return "the signer's certificate was not issued by your CA or was not valid when the query was signed";
            }

            return Nonce.Length == QuerySignature.NonceSize && QuerySignature.Verify(signer, Message(), Signature.Span)
                ? null
                : "the signature does not verify over the signed fields";
        }
    }

    /// <summary>The bytes kept with the query's hits.</summary>
    public byte[] Encode()
    {
        var writer = new ArrayBufferWriter<byte>(256 + SignerCertificate.Length);
        writer.Write(Magic);
        WriteString(writer, ProjectId);
        WriteString(writer, CaseReference);
        WriteString(writer, OfficerId);
        writer.Write(SchemaSha256.Span);
        writer.Write(TokenEntriesSha256.Span);
        BinaryPrimitives.WriteInt64BigEndian(writer.GetSpan(8), SignedAtUnixMs);
        writer.Advance(8);
        writer.Write(Nonce.Span);
        writer.GetSpan(1)[0] = checked((byte)Signature.Length);
        writer.Advance(1);
        writer.Write(Signature.Span);
        BinaryPrimitives.WriteUInt16BigEndian(writer.GetSpan(2), checked((ushort)SignerCertificate.Length));
        writer.Advance(2);
        writer.Write(SignerCertificate.Span);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Reads <see cref="Encode"/>'s bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a signed query.</exception>
    public static SignedQuery Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEncodedLength || !bytes.StartsWith(Magic))
        {
            throw new InvalidDataException("The bytes are not a signed query.");
        }

        var at = Magic.Length;
        var projectId = ReadString(bytes, ref at);
        var caseReference = ReadString(bytes, ref at);
        var officerId = ReadString(bytes, ref at);
        var schema = Take(bytes, ref at, QuerySignature.DigestSize);
        var tokens = Take(bytes, ref at, QuerySignature.DigestSize);
        var signedAt = BinaryPrimitives.ReadInt64BigEndian(Take(bytes, ref at, 8));
        var nonce = Take(bytes, ref at, QuerySignature.NonceSize);
        var signature = Take(bytes, ref at, Take(bytes, ref at, 1)[0]);
        var certificate = Take(bytes, ref at, BinaryPrimitives.ReadUInt16BigEndian(Take(bytes, ref at, 2)));
        if (at != bytes.Length)
        {
            throw new InvalidDataException("The signed query has bytes after its end.");
        }

        return new SignedQuery(projectId, caseReference, officerId, schema.ToArray(), tokens.ToArray(), signedAt, nonce.ToArray(),
            signature.ToArray(), certificate.ToArray());
    }

    private static void WriteString(ArrayBufferWriter<byte> writer, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        BinaryPrimitives.WriteUInt16BigEndian(writer.GetSpan(2), checked((ushort)length));
        writer.Advance(2);
        writer.Advance(Encoding.UTF8.GetBytes(text, writer.GetSpan(length)));
    }

    private static string ReadString(ReadOnlySpan<byte> bytes, ref int at)
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(Take(bytes, ref at, 2));
        try
        {
            return new UTF8Encoding(false, true).GetString(Take(bytes, ref at, length));
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("The signed query holds text that is not UTF-8.", e);
        }
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int at, int length)
    {
        if (length > bytes.Length - at)
        {
            throw new InvalidDataException("The signed query is cut short.");
        }

        var taken = bytes.Slice(at, length);
        at += length;
        return taken;
    }
}
