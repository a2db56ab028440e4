using Aquila.Security.Pki;
using Aquila.Server.Options;

namespace Aquila.Load;

/// <summary>Options of a server on an ephemeral loopback port, trusting a local PKI, with its data and keys in a work directory.</summary>
internal static class LocalServerOptions
{
    public static ServerOptions For(LocalPki pki, string workDirectory) => new()
    {
        Port = 0,
        CertificatePath = pki.Server.CertificatePath,
        KeyPath = pki.Server.KeyPath,
        TrustedRootPaths = [pki.AuthorityCertificatePath],
        CrlPath = pki.CrlPath,
        DataDirectory = Path.Combine(workDirectory, "server-data"),
        KeyDirectory = Path.Combine(workDirectory, "server-keys"),
    };
}
