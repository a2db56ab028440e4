using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Keys;
using Aquila.Security.Pki;

namespace Aquila.Node;

/// <summary>
/// A node's credentials, as kept in its certificate directory: its key (<c>*.key.pem</c>, made by
/// <c>aquila node csr</c>), its certificate (<c>*.crt.pem</c>, issued by the operator) and the CA's certificate
/// (<c>ca.crt.pem</c>), which is how the node recognises the real server.
/// </summary>
public sealed class NodeIdentity : IDisposable
{
    private readonly SoftwareNodeKey _key;

    private NodeIdentity(X509Certificate2 certificate, X509Certificate2 authority, string? authorityPath)
    {
        Certificate = certificate;
        _key = new SoftwareNodeKey(certificate);
        Authority = authority;
        AuthorityPath = authorityPath;
    }

    /// <summary>The file the CA certificate was loaded from (null for credentials made in memory).</summary>
    public string? AuthorityPath { get; }

    /// <summary>The node's client certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// The node key's signing and key-agreement operations, as the project key file uses them. Today the key is the
    /// PEM file next to the certificate (encrypted at rest when made with <c>aquila node csr --passphrase-file</c>); a
    /// PKCS#11/HSM key would implement <see cref="INodeKey"/> the same way.
    /// </summary>
    public INodeKey Key => _key;

    /// <summary>The CA certificate the server's certificate must chain to.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>Loads the credentials from a certificate directory; the error says which file is missing.</summary>
    /// <param name="directory">The certificate directory.</param>
    /// <param name="keyPassphrase">The passphrase of an encrypted node key (<c>--passphrase-file</c>), or null for an unencrypted one.</param>
    public static NodeIdentity Load(string directory, string? keyPassphrase = null)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new FileNotFoundException($"Certificate directory '{full}' does not exist.");
        }

        var authorityPath = Path.Combine(full, "ca.crt.pem");
        if (!File.Exists(authorityPath))
        {
            throw new FileNotFoundException($"'{authorityPath}' is missing: copy the CA certificate (ca.crt.pem) from your operator there.");
        }

        var keys = Directory.GetFiles(full, "*.key.pem");
        if (keys.Length != 1)
        {
            throw new FileNotFoundException(
                $"Certificate directory '{full}' must hold exactly one node key (*.key.pem); it holds {keys.Length}.");
        }

        var certificatePath = keys[0][..^".key.pem".Length] + ".crt.pem";
        if (!File.Exists(certificatePath))
        {
            throw new FileNotFoundException(
                $"'{certificatePath}' is missing: put the certificate the operator issued for your CSR there.");
        }

        var certificate = NodeCredentials.Load(certificatePath, keys[0], keyPassphrase);
        return new NodeIdentity(certificate, X509CertificateLoader.LoadCertificateFromFile(authorityPath), authorityPath);
    }

    /// <summary>Wraps credentials already in memory (tests, the demo).</summary>
    public static NodeIdentity From(X509Certificate2 certificate, X509Certificate2 authority) => new(certificate, authority, null);

    /// <inheritdoc />
    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
        Authority.Dispose();
    }
}
