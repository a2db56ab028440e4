using System.Net;

namespace Aquila.Security.Pki;

/// <summary>
/// A complete PKI in one folder for `aquila demo`, `aquila simulate` and integration tests: a CA, the server's
/// certificate for loopback, and one certificate directory per party and role laid out as a node keeps it
/// (<c>*.key.pem</c>, <c>*.crt.pem</c>, <c>ca.crt.pem</c>). Never for production: there the CA key stays offline
/// with the operator and nodes make their own keys (`aquila node csr`).
/// </summary>
public sealed class LocalPki : IDisposable
{
    private LocalPki(string directory, CertificateAuthority authority, ServerCredentials server)
    {
        Directory = directory;
        Authority = authority;
        Server = server;
    }

    /// <summary>The folder everything lives in.</summary>
    public string Directory { get; }

    /// <summary>The CA.</summary>
    public CertificateAuthority Authority { get; }

    /// <summary>The server's certificate and key (localhost, 127.0.0.1, ::1).</summary>
    public ServerCredentials Server { get; }

    /// <summary>The CA certificate's path (the server's trusted root).</summary>
    public string AuthorityCertificatePath => Authority.Files.CertificatePath;

    /// <summary>The published CRL's path.</summary>
    public string CrlPath => Authority.Files.CrlPath;

    /// <summary>Creates the CA and the server certificate under <paramref name="directory"/>.</summary>
    public static LocalPki Create(string directory, CertificateAuthorityOptions? options = null)
    {
        var authority = CertificateAuthority.Create(Path.Combine(directory, "ca"), options);
        var server = authority.IssueServerCertificate(Path.Combine(directory, "server"), ["localhost"],
            [IPAddress.Loopback, IPAddress.IPv6Loopback]);
        authority.PublishCrl();
        return new LocalPki(directory, authority, server);
    }

    /// <summary>
    /// Issues a certificate for <paramref name="party"/> in <paramref name="role"/> and returns its certificate
    /// directory (key, certificate and the CA certificate).
    /// </summary>
    public string IssueIdentity(string party, PartyRole role, string name = "1", CertificateIssueOptions? options = null)
    {
        var directory = Path.Combine(Directory, "parties", $"{party}-{PartyRoleText.ToText(role)}-{name}");
        var request = NodeCredentials.CreateRequest(party, role, directory, name, keyEncryptionIterations: 1);
        var issued = Authority.Sign(request.Pem, options);
        issued.WriteTo(NodeCredentials.CertificatePath(directory, request.Subject));
        File.Copy(Authority.Files.CertificatePath, Path.Combine(directory, "ca.crt.pem"), overwrite: true);
        return directory;
    }

    /// <inheritdoc />
    public void Dispose() => Authority.Dispose();
}
