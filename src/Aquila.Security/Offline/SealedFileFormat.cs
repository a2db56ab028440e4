namespace Aquila.Security.Offline;

/// <summary>
/// Layout of a sealed file, version 1 (docs/offline-exchange.md). All integers big-endian.
/// <code>
/// "AQX1" | "AQH1"             magic: token batch | hits
/// u16 version                 1
/// u8 n, n bytes               project id (UTF-8)
/// u8 n, n bytes               party code (ASCII)
/// 16  content id              batch id | random hits-file id
/// i64 created at              Unix milliseconds
/// u64 content length          bytes of plaintext content
/// 32  recipient key id        SHA-256 of the recipient certificate's SubjectPublicKeyInfo
/// 65  ephemeral public key    P-256, SEC1 uncompressed
/// 12  nonce
/// ─── everything above is the header: AES-GCM associated data
/// content length bytes        AES-256-GCM ciphertext of the content
/// 16  tag
/// u8 c                        certificates (1–4): the signer's first, then its issuer(s)
/// c × (u16 n, n bytes DER)
/// 64  signature               ECDSA P-256 with SHA-256 (IEEE P1363 r‖s) by the first certificate's key over
///                             every byte before it
/// </code>
/// Content key = HKDF-SHA256(ikm = ECDH(ephemeral, recipient) x-coordinate, salt = ephemeral public key ‖ recipient
/// key id, info = "aquila-offline-v1 " ‖ magic), 32 bytes.
/// </summary>
public static class SealedFileFormat
{
    /// <summary>The format version this code writes and reads.</summary>
    public const ushort Version = 1;

    /// <summary>Length of the content id.</summary>
    public const int ContentIdLength = 16;

    /// <summary>Length of the recipient key id (SHA-256).</summary>
    public const int RecipientKeyIdLength = 32;

    /// <summary>Length of an uncompressed P-256 point.</summary>
    public const int EphemeralKeyLength = 65;

    /// <summary>AES-GCM nonce length.</summary>
    public const int NonceLength = 12;

    /// <summary>AES-GCM tag length.</summary>
    public const int TagLength = 16;

    /// <summary>ECDSA P-256 signature length (IEEE P1363).</summary>
    public const int SignatureLength = 64;

    /// <summary>Most certificates a file may carry.</summary>
    public const int MaxCertificates = 4;

    /// <summary>Longest certificate (DER).</summary>
    public const int MaxCertificateBytes = 8192;

    /// <summary>Longest project id in UTF-8 bytes.</summary>
    public const int MaxProjectIdBytes = 128;

    /// <summary>The four bytes a file of <paramref name="kind"/> starts with.</summary>
    public static ReadOnlySpan<byte> Magic(SealedFileKind kind) => kind switch
    {
        SealedFileKind.TokenBatch => "AQX1"u8,
        SealedFileKind.Hits => "AQH1"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a sealed file kind."),
    };

    /// <summary>The usual file extension of <paramref name="kind"/>.</summary>
    public static string Extension(SealedFileKind kind) => kind == SealedFileKind.TokenBatch ? ".aqx" : ".aqh";

    internal static ReadOnlySpan<byte> KeyInfoLabel => "aquila-offline-v1 "u8;
}
