using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Aquila.Security.Offline;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Security.Tests.Fuzzing;

/// <summary>
/// The fields of a sealed file's header, generated valid or not one by one, and the file built from them by this
/// test's own reading of docs/offline-exchange.md (format version 1): so the reader is checked against the documented
/// format, and a file must open exactly when every field is valid.
/// </summary>
internal sealed record SealedFileFields(
    SealedFileKind Kind,
    byte[] Magic,
    ushort Version,
    byte[] Project,
    byte[] Party,
    long CreatedAt,
    long? DeclaredLength,
    bool RightRecipient,
    bool RightPoint)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>The project id as text, or null when its bytes are not UTF-8.</summary>
    public string? ProjectText
    {
        get
        {
            try
            {
                return StrictUtf8.GetString(Project);
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }
    }

    /// <summary>True when a reader must accept the file.</summary>
    public bool IsValid =>
        Magic.AsSpan().SequenceEqual(SealedFileFormat.Magic(Kind)) && Version == SealedFileFormat.Version
        && ProjectText is { Length: > 0 } text && Project.Length <= SealedFileFormat.MaxProjectIdBytes
        && !text.Any(c => char.IsControl(c) || char.IsSurrogate(c))
        && Party.Length is 2 or 3 && Party.All(b => char.IsAsciiLetterUpper((char)b))
        && CreatedAt is >= -62_135_596_800_000 and <= 253_402_300_799_999
        && DeclaredLength is null && RightRecipient && RightPoint;

    public static Gen<SealedFileFields> Generator() =>
        from kind in Gen.Elements(SealedFileKind.TokenBatch, SealedFileKind.Hits)
        from magic in Gen.Frequency(
            (8, Gen.Constant(Magic1(kind))),
            (1, Gen.Constant(Magic1(kind == SealedFileKind.Hits ? SealedFileKind.TokenBatch : SealedFileKind.Hits))),
            (1, Bytes(4, 4)))
        from version in Gen.Frequency((8, Gen.Constant(1)), (1, Gen.Choose(0, ushort.MaxValue)))
        from project in Gen.Frequency(
            (6, Text("proj-ABCz019 ž_.ћ", 1, 40)),
            (1, Gen.Constant(Array.Empty<byte>())),
            (1, Bytes(0, 255)),
            (1, Text("žš", 65, 100)),
            (1, Text("ab\u0001\n\u007F", 1, 10)))
        from party in Gen.Frequency((6, Text("RSBAMEXK", 2, 3)), (1, Bytes(0, 5)), (1, Text("rsRS1Ž", 1, 4)))
        from created in Gen.Frequency(
            (6, Gen.Choose(0, int.MaxValue).Select(v => v * 1000L)),
            (1, Gen.Elements(long.MinValue, long.MaxValue, -62_135_596_800_001, 253_402_300_800_000, -1L)))
        from declared in Gen.Frequency(
            (8, Gen.Constant<long?>(null)),
            (2, Gen.Elements<long?>(-1, 0, 1, 1999, 2001, 1 << 20, (1 << 20) + 1, long.MaxValue, long.MinValue, 5000)))
        from recipient in Gen.Frequency((8, Gen.Constant(true)), (1, Gen.Constant(false)))
        from point in Gen.Frequency((8, Gen.Constant(true)), (1, Gen.Constant(false)))
        select new SealedFileFields(kind, magic, (ushort)version, project, party, created, declared, recipient, point);

    /// <summary>The file: header from the fields, <paramref name="content"/> encrypted to <paramref name="recipient"/>, signed by <paramref name="signer"/>.</summary>
    public byte[] Build(byte[] content, X509Certificate2 recipient, X509Certificate2 signer)
    {
        using var recipientKey = ECDiffieHellman.Create();
        recipientKey.ImportSubjectPublicKeyInfo(recipient.PublicKey.ExportSubjectPublicKeyInfo(), out _);
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = ephemeral.ExportParameters(false).Q;
        byte[] point = [0x04, .. q.X!, .. q.Y!];
        var keyId = SHA256.HashData(recipient.PublicKey.ExportSubjectPublicKeyInfo());

        var header = new List<byte>(256);
        header.AddRange(Magic);
        header.AddRange(BigEndian(Version, 2));
        header.Add((byte)Project.Length);
        header.AddRange(Project);
        header.Add((byte)Party.Length);
        header.AddRange(Party);
        header.AddRange(new byte[SealedFileFormat.ContentIdLength]);
        header.AddRange(BigEndian(CreatedAt, 8));
        header.AddRange(BigEndian(DeclaredLength ?? content.Length, 8));
        header.AddRange(RightRecipient ? keyId : RandomNumberGenerator.GetBytes(32));
        header.AddRange(RightPoint ? point : [0x04, .. RandomNumberGenerator.GetBytes(64)]);
        header.AddRange(RandomNumberGenerator.GetBytes(SealedFileFormat.NonceLength));
        var aad = header.ToArray();

        var secret = ephemeral.DeriveRawSecretAgreement(recipientKey.PublicKey);
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, [.. point, .. keyId], [.. "aquila-offline-v1 "u8, .. SealedFileFormat.Magic(Kind)]);
        var ciphertext = new byte[content.Length];
        var tag = new byte[SealedFileFormat.TagLength];
        using (var aes = new AesGcm(key, SealedFileFormat.TagLength))
        {
            aes.Encrypt(aad.AsSpan(aad.Length - SealedFileFormat.NonceLength), content, ciphertext, tag, aad);
        }

        var der = signer.RawData;
        byte[] signed = [.. aad, .. ciphertext, .. tag, 1, .. BigEndian(der.Length, 2), .. der];
        using var signing = signer.GetECDsaPrivateKey()!;
        return [.. signed, .. signing.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)];
    }

    public override string ToString() =>
        $"{Kind} magic {Convert.ToHexString(Magic)} v{Version} project {Convert.ToHexString(Project)} party {Convert.ToHexString(Party)} "
        + $"created {CreatedAt} declared {DeclaredLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "right"} "
        + $"recipient {RightRecipient} point {RightPoint}";

    private static byte[] Magic1(SealedFileKind kind) => SealedFileFormat.Magic(kind).ToArray();

    private static Gen<byte[]> Bytes(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.Choose(0, 255).ArrayOf(n)).Select(b => b.Select(v => (byte)v).ToArray());

    private static Gen<byte[]> Text(string alphabet, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.Elements(alphabet.ToCharArray()).ArrayOf(n)).Select(c => Encoding.UTF8.GetBytes(c));

    private static byte[] BigEndian(long value, int size)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes[(8 - size)..];
    }
}
