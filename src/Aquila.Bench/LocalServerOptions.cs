using Aquila.Security.Pki;
using Aquila.Server.Options;

namespace Aquila.Bench;

/// <summary>
/// Options of a server on a loopback port (0: the system picks one) with the certificate, trust root and CRL of a local
/// PKI. The bench, <c>aquila simulate</c> and the tests start their servers from these; callers add projects and limits.
/// </summary>
public static class LocalServerOptions
{
    /// <summary>Data in <c>server-data</c> and keys in <c>server-keys</c> under <paramref name="workDirectory"/>.</summary>
    public static ServerOptions For(LocalPki pki, string workDirectory) =>
        For(pki, Path.Combine(workDirectory, "server-data"), Path.Combine(workDirectory, "server-keys"));

    /// <summary>Data in <paramref name="dataDirectory"/> and keys in <paramref name="keyDirectory"/>.</summary>
    public static ServerOptions For(LocalPki pki, string dataDirectory, string keyDirectory)
    {
        ArgumentNullException.ThrowIfNull(pki);
        return new ServerOptions
        {
            Port = 0,
            CertificatePath = pki.Server.CertificatePath,
            KeyPath = pki.Server.KeyPath,
            TrustedRootPaths = [pki.AuthorityCertificatePath],
            CrlPath = pki.CrlPath,
            DataDirectory = dataDirectory,
            KeyDirectory = keyDirectory,
        };
    }
}
