using System.Security.Cryptography.X509Certificates;

namespace Aquila.Server.Offline;

/// <summary>
/// The server's TLS certificate with its key, used for offline files too: imported batches are encrypted to it, and
/// it signs the hits files it exports (nodes check it against their CA, docs/offline-exchange.md).
/// </summary>
internal sealed class ServerSealingIdentity(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> issuers)
{
    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>The trusted roots that issued it, written into hits files after it.</summary>
    public IReadOnlyList<X509Certificate2> Issuers { get; } = issuers;

    /// <summary>The identity for <paramref name="certificate"/>, with its issuer among <paramref name="trustedRootPaths"/>.</summary>
    public static ServerSealingIdentity Create(X509Certificate2 certificate, IEnumerable<string> trustedRootPaths)
    {
        var issuers = new List<X509Certificate2>();
        foreach (var path in trustedRootPaths)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(path);
            foreach (var root in roots)
            {
                if (root.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
                {
                    issuers.Add(root);
                }
                else
                {
                    root.Dispose();
                }
            }
        }

        return new ServerSealingIdentity(certificate, issuers);
    }
}
