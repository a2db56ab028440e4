using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Ceremony;
using Aquila.Security.Pki;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Security.Tests.Ceremony;

/// <summary>
/// The project CA (a real <see cref="LocalPki"/> in a temp folder) with node certificates of the eleven PCC SEE
/// parties, plus a second, foreign CA for sock puppets. Shared by the tests of a class.
/// </summary>
public sealed class CeremonyPki : IDisposable
{
    /// <summary>The eleven contracting parties, as node party codes.</summary>
    public static readonly string[] Parties = ["AL", "AT", "BA", "BG", "HU", "MD", "ME", "MK", "RO", "RS", "SI"];

    private readonly TempDirectory _directory = new();
    private readonly ConcurrentDictionary<string, X509Certificate2> _certificates = new();
    private readonly ClientCertificateValidator _validator;
    private int _serial;

    public CeremonyPki()
    {
        Project = LocalPki.Create(_directory.File("project"));
        Foreign = LocalPki.Create(_directory.File("foreign"));
        var options = new ClientCertificateValidatorOptions();
        options.TrustedRootCertificatePaths.Add(Project.AuthorityCertificatePath);
        options.CrlPaths.Add(Project.CrlPath);
        _validator = new ClientCertificateValidator(options, NullLogger<ClientCertificateValidator>.Instance);
        Check = CeremonyTrust.From(_validator);
    }

    public LocalPki Project { get; }

    public LocalPki Foreign { get; }

    /// <summary>The project's certificate check, as every honest node uses it.</summary>
    public CeremonyCertificateCheck Check { get; }

    /// <summary>The node certificate (with key) of <paramref name="party"/> from the project CA, issued once.</summary>
    public X509Certificate2 Node(string party) => _certificates.GetOrAdd("project/" + party, _ => Issue(Project, party, PartyRole.Node));

    /// <summary>A fresh certificate (with key) from <paramref name="pki"/>: a second certificate or another role.</summary>
    public X509Certificate2 Issue(LocalPki pki, string party, PartyRole role)
    {
        var name = "c" + Interlocked.Increment(ref _serial);
        var directory = pki.IssueIdentity(party, role, name);
        var subject = new PartySubject(party, role, name);
        var certificate = NodeCredentials.Load(NodeCredentials.CertificatePath(directory, subject), NodeCredentials.KeyPath(directory, subject));
        _certificates["extra/" + name] = certificate;
        return certificate;
    }

    public void Dispose()
    {
        foreach (var certificate in _certificates.Values)
        {
            certificate.Dispose();
        }

        _validator.Dispose();
        Project.Dispose();
        Foreign.Dispose();
        _directory.Dispose();
    }
}
