using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Offline;
using Aquila.Security.Tests.Offline;

namespace Aquila.Security.Tests.Fuzzing;

/// <summary>An honest .aqx (RS to the server) and .aqh (RS-signed here, to XK) of the same content, with the CA as issuer.</summary>
internal sealed class SealedFileTemplates(OfflinePki pki, byte[] content)
{
    public const string ProjectId = "proj-fuzz-ž";
    public static readonly string ContentId = new('a', 32);

    private readonly byte[] _batch = Seal(SealedFileKind.TokenBatch, content, pki.Server, pki.Holder("RS"), pki.Authority);
    private readonly byte[] _hits = Seal(SealedFileKind.Hits, content, pki.Holder("XK"), pki.Holder("RS"), pki.Authority);

    public byte[] this[SealedFileKind kind] => kind == SealedFileKind.TokenBatch ? _batch : _hits;

    private static byte[] Seal(SealedFileKind kind, byte[] content, X509Certificate2 recipient, X509Certificate2 signer, X509Certificate2 issuer) =>
        SealedFileWriter.Seal(
            new SealedFileHeader(kind, ProjectId, "RS", Convert.FromHexString(ContentId), DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000),
                content.Length),
            content, recipient, signer, [issuer]);
}
