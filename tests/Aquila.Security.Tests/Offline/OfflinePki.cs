using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Pki;

namespace Aquila.Security.Tests.Offline;

/// <summary>A project CA with its server certificate and node certificates (all with keys), plus a foreign CA.</summary>
public sealed class OfflinePki : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ConcurrentDictionary<string, X509Certificate2> _certificates = new();

    public OfflinePki()
    {
        Project = LocalPki.Create(_directory.File("project"));
        Foreign = LocalPki.Create(_directory.File("foreign"));
        Server = NodeCredentials.Load(Project.Server.CertificatePath, Project.Server.KeyPath);
        Authority = X509CertificateLoader.LoadCertificateFromFile(Project.AuthorityCertificatePath);
    }

    public LocalPki Project { get; }

    public LocalPki Foreign { get; }

    /// <summary>The server's TLS certificate with its key.</summary>
    public X509Certificate2 Server { get; }

    public X509Certificate2 Authority { get; }

    /// <summary>A certificate with its key, issued once per (CA, party, role).</summary>
    public X509Certificate2 Holder(string party, PartyRole role = PartyRole.Node, bool foreign = false) =>
        _certificates.GetOrAdd($"{foreign}/{party}/{role}", _ =>
        {
            var pki = foreign ? Foreign : Project;
            var directory = pki.IssueIdentity(party, role);
            var subject = new PartySubject(party, role, "1");
            return NodeCredentials.Load(NodeCredentials.CertificatePath(directory, subject), NodeCredentials.KeyPath(directory, subject));
        });

    public void Dispose()
    {
        foreach (var certificate in _certificates.Values)
        {
            certificate.Dispose();
        }

        Server.Dispose();
        Authority.Dispose();
        Project.Dispose();
        Foreign.Dispose();
        _directory.Dispose();
    }
}
