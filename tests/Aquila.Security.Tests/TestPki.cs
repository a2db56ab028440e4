using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Pki;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Security.Tests;

/// <summary>A real CA in a temp directory, plus helpers to enrol holders and to craft odd certificates with the CA key.</summary>
internal sealed class TestPki : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TestPki(CertificateAuthorityOptions? options = null, TimeProvider? time = null)
    {
        Authority = CertificateAuthority.Create(_directory.File("ca"), options, NullLogger<CertificateAuthority>.Instance, time);
    }

    public CertificateAuthority Authority { get; }

    public string Root => _directory.Path;

    public string NodeDirectory(string party) => _directory.File(Path.Combine("nodes", party));

    /// <summary>CSR in the holder's directory, signed by the CA, certificate written next to the key.</summary>
    public (string CertificatePath, string KeyPath, IssuedCertificate Issued) Enrol(
        string party, PartyRole role, string name = "1", CertificateIssueOptions? options = null)
    {
        var directory = NodeDirectory(party);
        var request = NodeCredentials.CreateRequest(party, role, directory, name);
        var issued = Authority.Sign(File.ReadAllText(request.CsrPath), options);
        var certificatePath = NodeCredentials.CertificatePath(directory, request.Subject);
        issued.WriteTo(certificatePath);
        return (certificatePath, request.KeyPath, issued);
    }

    public X509Certificate2 EnrolCertificate(string party, PartyRole role, string name = "1", CertificateIssueOptions? options = null) =>
        X509Certificate2.CreateFromPem(Enrol(party, role, name, options).Issued.Pem);

    public ClientCertificateValidatorOptions ValidatorOptions()
    {
        var options = new ClientCertificateValidatorOptions();
        options.TrustedRootCertificatePaths.Add(Authority.Files.CertificatePath);
        options.CrlPaths.Add(Authority.Files.CrlPath);
        return options;
    }

    public ClientCertificateValidator Validator(ClientCertificateValidatorOptions? options = null, RecordingLogger<ClientCertificateValidator>? logger = null) =>
        new(options ?? ValidatorOptions(), logger ?? new RecordingLogger<ClientCertificateValidator>());

    /// <summary>Signs any public key and subject with the CA's key from its key file, bypassing the CA's CSR checks.</summary>
    public X509Certificate2 Craft(
        CertificateRequest request, string? extendedKeyUsageOid = "1.3.6.1.5.5.7.3.2", DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        using var caKey = ECDsa.Create();
        caKey.ImportFromPem(File.ReadAllText(Authority.Files.KeyPath));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        if (extendedKeyUsageOid is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedKeyUsageOid)], false));
        }

        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return request.Create(
            Authority.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey),
            notBefore ?? now.AddMinutes(-5), notAfter ?? now.AddDays(30), serial);
    }

    public void Dispose()
    {
        Authority.Dispose();
        _directory.Dispose();
    }
}
