using System.Globalization;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Security.Pki;

/// <summary>
/// The Aquila root CA, kept in one directory by the operator (offline; the running server never holds the CA key).
/// It issues ECDSA P-256 leaf certificates from PKCS#10 requests, keeps an index of what it issued, revokes by
/// serial and publishes a signed CRL. Not safe for concurrent use by several processes on one directory.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly ECDsa _key;
    private readonly CertificateAuthorityOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    private CertificateAuthority(
        CertificateAuthorityFiles files,
        X509Certificate2 certificate,
        ECDsa key,
        CertificateAuthorityOptions options,
        ILogger logger,
        TimeProvider time)
    {
        Files = files;
        Certificate = certificate;
        _key = key;
        _options = options;
        _logger = logger;
        _time = time;
    }

    /// <summary>The files of this CA's directory.</summary>
    public CertificateAuthorityFiles Files { get; }

    /// <summary>The root certificate (public part only).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// Creates a new root CA in <paramref name="directory"/>: a P-256 key (mode 0600, encrypted when
    /// <see cref="CertificateAuthorityOptions.KeyPassphrase"/> is set), a self-signed root certificate with
    /// basicConstraints CA and keyUsage keyCertSign|cRLSign, empty indexes and an empty CRL.
    /// </summary>
    /// <exception cref="CertificateAuthorityException">The directory already holds a CA.</exception>
    public static CertificateAuthority Create(
        string directory,
        CertificateAuthorityOptions? options = null,
        ILogger<CertificateAuthority>? logger = null,
        TimeProvider? timeProvider = null)
    {
        options ??= new CertificateAuthorityOptions();
        options.Validate();
        var time = timeProvider ?? TimeProvider.System;
        var files = new CertificateAuthorityFiles(directory);
        if (File.Exists(files.KeyPath) || File.Exists(files.CertificatePath))
        {
            throw new CertificateAuthorityException($"'{files.Directory}' already contains a CA; refusing to replace its key.");
        }

        SecureFiles.CreateDirectory(files.Directory);
        SecureFiles.CreateDirectory(files.IssuedDirectory);

        var key = KeyAlgorithms.CreateP256();
        try
        {
            var name = new X500DistinguishedNameBuilder();
            // The builder encodes the last added attribute first: this gives O=Aquila, CN=... in DER order.
            name.AddCommonName(options.CommonName);
            name.AddOrganizationName("Aquila");
            var subject = name.Build();

            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(
                X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

            var now = time.GetUtcNow();
            var certificate = request.Create(
                subject, X509SignatureGenerator.CreateForECDsa(key), now - options.Backdate, now + options.Validity,
                SerialNumbers.NewSerial());

            SecureFiles.WritePrivateKey(
                files.KeyPath, KeyAlgorithms.ExportPrivateKeyPem(key, options.KeyPassphrase, options.KeyEncryptionIterations));
            SecureFiles.WriteAtomically(files.CertificatePath, certificate.ExportCertificatePem());
            SecureFiles.WriteAtomically(files.IssuedIndexPath, CertificateIndex.IssuedHeader);
            SecureFiles.WriteAtomically(files.RevokedIndexPath, CertificateIndex.RevokedHeader);
            SecureFiles.WriteAtomically(files.CrlNumberPath, "0\n");

            var authority = new CertificateAuthority(
                files, certificate, key, options, (ILogger?)logger ?? NullLogger.Instance, time);
            SecurityLog.CertificateAuthorityCreated(authority._logger, files.Directory, certificate.SerialNumber);
            authority.PublishCrl();
            return authority;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Loads the CA in <paramref name="directory"/>, decrypting its key with <see cref="CertificateAuthorityOptions.KeyPassphrase"/>.</summary>
    /// <exception cref="CertificateAuthorityException">Files are missing, the passphrase is wrong, or key and certificate do not match.</exception>
    public static CertificateAuthority Load(
        string directory,
        CertificateAuthorityOptions? options = null,
        ILogger<CertificateAuthority>? logger = null,
        TimeProvider? timeProvider = null)
    {
        options ??= new CertificateAuthorityOptions();
        options.Validate();
        var files = new CertificateAuthorityFiles(directory);
        if (!File.Exists(files.CertificatePath))
        {
            throw new CertificateAuthorityException(
                $"No CA certificate at '{files.CertificatePath}'; create the CA first (aquila ca init).");
        }

        var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(files.CertificatePath));
        ECDsa? key = null;
        try
        {
            key = KeyAlgorithms.ImportPrivateKeyPem(files.KeyPath, options.KeyPassphrase);
            if (!key.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(certificate.PublicKey.ExportSubjectPublicKeyInfo()))
            {
                throw new CertificateAuthorityException(
                    $"The key in '{files.KeyPath}' does not belong to the certificate in '{files.CertificatePath}'.");
            }

            return new CertificateAuthority(
                files, certificate, key, options, (ILogger?)logger ?? NullLogger.Instance, timeProvider ?? TimeProvider.System);
        }
        catch
        {
            key?.Dispose();
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Issues a certificate for a PKCS#10 request. The request's signature, key type (P-256 only) and subject
    /// (strict party/role layout) are checked; requested extensions are ignored — the CA decides them: clientAuth,
    /// plus serverAuth and subjectAltName when <see cref="CertificateIssueOptions.DnsNames"/> or
    /// <see cref="CertificateIssueOptions.IpAddresses"/> are given. The serial is 16 random bytes.
    /// </summary>
    /// <exception cref="CertificateAuthorityException">The request is refused; the message says why.</exception>
    public IssuedCertificate Sign(string csrPem, CertificateIssueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(csrPem);
        options ??= new CertificateIssueOptions();
        var request = LeafProfile.LoadRequest(csrPem);

        if (!KeyAlgorithms.IsP256(request.PublicKey))
        {
            throw new CertificateAuthorityException(
                $"The CSR's key is {KeyAlgorithms.Describe(request.PublicKey)}; Aquila certificates use ECDSA P-256 only.");
        }

        if (!PartySubject.TryParse(request.SubjectName, out var subject, out var error))
        {
            throw new CertificateAuthorityException("The CSR's subject is not an Aquila subject: " + error);
        }

        if (options.ExpectedParty is { } party && party != subject.Party)
        {
            throw new CertificateAuthorityException($"The CSR is for party {subject.Party}, but party {party} was expected.");
        }

        if (options.ExpectedRole is { } role && role != subject.Role)
        {
            throw new CertificateAuthorityException(
                $"The CSR is for role {PartyRoleText.ToText(subject.Role)}, but role {PartyRoleText.ToText(role)} was expected.");
        }

        var now = _time.GetUtcNow();
        var notBefore = options.NotBefore ?? now - _options.Backdate;
        var notAfter = options.NotAfter ?? (options.NotBefore ?? now) + (options.Validity ?? _options.LeafValidity);
        if (notAfter <= notBefore)
        {
            throw new CertificateAuthorityException("The certificate's validity must end after it starts.");
        }

        var caNotAfter = new DateTimeOffset(Certificate.NotAfter);
        if (notAfter > caNotAfter)
        {
            throw new CertificateAuthorityException(
                $"The certificate would be valid until {notAfter:O}, after the CA certificate expires ({caNotAfter:O}); choose a shorter validity.");
        }

        var leaf = new CertificateRequest(subject.ToDistinguishedName(), request.PublicKey, HashAlgorithmName.SHA256);
        LeafProfile.AddExtensions(leaf, Certificate, options);

        using var certificate = leaf.Create(
            Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, notAfter, SerialNumbers.NewSerial());
        var serial = SerialNumbers.FromBytes(certificate.SerialNumberBytes.Span);
        var issued = new IssuedCertificate(
            serial,
            subject,
            new DateTimeOffset(certificate.NotBefore),
            new DateTimeOffset(certificate.NotAfter),
            options.IsServerCertificate,
            certificate.GetCertHashString(HashAlgorithmName.SHA256),
            certificate.ExportCertificatePem());

        SecureFiles.CreateDirectory(Files.IssuedDirectory);
        issued.WriteTo(Files.IssuedCertificatePath(serial));
        CertificateIndex.AppendIssued(
            Files.IssuedIndexPath,
            new IssuedCertificateRecord(serial, issued.NotBefore, issued.NotAfter, issued.IsServerCertificate, certificate.Subject));
        SecurityLog.CertificateIssued(
            _logger, issued.IsServerCertificate ? "server" : "client", serial, subject.Party, PartyRoleText.ToText(subject.Role),
            issued.NotAfter);
        return issued;
    }

    /// <summary>
    /// Issues the central server's own certificate: generates its key and request in <paramref name="outputDirectory"/>
    /// (subject PCC / operator / <paramref name="name"/>) and signs it with serverAuth + clientAuth and the given
    /// subject alternative names (e.g. localhost and 127.0.0.1).
    /// </summary>
    public ServerCredentials IssueServerCertificate(
        string outputDirectory,
        IEnumerable<string> dnsNames,
        IEnumerable<IPAddress> ipAddresses,
        string name = "server",
        TimeSpan? validity = null)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(ipAddresses);
        var options = new CertificateIssueOptions { Validity = validity };
        foreach (var dnsName in dnsNames)
        {
            options.DnsNames.Add(dnsName);
        }

        foreach (var address in ipAddresses)
        {
            options.IpAddresses.Add(address);
        }

        if (!options.IsServerCertificate)
        {
            throw new ArgumentException("A server certificate needs at least one DNS name or IP address.", nameof(dnsNames));
        }

        var request = NodeCredentials.CreateRequest(PartyCode.Secretariat, PartyRole.Operator, outputDirectory, name);
        var issued = Sign(request.Pem, options);
        var certificatePath = NodeCredentials.CertificatePath(outputDirectory, request.Subject);
        issued.WriteTo(certificatePath);
        return new ServerCredentials(issued, certificatePath, request.KeyPath);
    }

    /// <summary>Revokes the certificate with <paramref name="serialNumber"/> (hex, ':' allowed) and publishes a new CRL.</summary>
    /// <exception cref="CertificateAuthorityException">The serial was not issued by this CA.</exception>
    public CrlPublication Revoke(string serialNumber, X509RevocationReason? reason = null)
    {
        var serial = SerialNumbers.Normalize(serialNumber)
            ?? throw new CertificateAuthorityException("A serial number must be hexadecimal (e.g. as printed by 'aquila ca sign').");

        var known = false;
        foreach (var record in CertificateIndex.ReadIssued(Files.IssuedIndexPath))
        {
            known |= record.SerialNumber == serial;
        }

        if (!known)
        {
            throw new CertificateAuthorityException(
                $"No certificate with serial {serial} was issued by this CA (see {Files.IssuedIndexPath}).");
        }

        var alreadyRevoked = false;
        foreach (var record in CertificateIndex.ReadRevoked(Files.RevokedIndexPath))
        {
            alreadyRevoked |= record.SerialNumber == serial;
        }

        if (!alreadyRevoked)
        {
            CertificateIndex.AppendRevoked(Files.RevokedIndexPath, new RevokedCertificateRecord(serial, _time.GetUtcNow(), reason));
            SecurityLog.CertificateRevoked(_logger, serial);
        }

        return PublishCrl();
    }

    /// <summary>Revokes <paramref name="certificate"/> after checking that this CA issued it, and publishes a new CRL.</summary>
    /// <exception cref="CertificateAuthorityException">The certificate was not issued by this CA.</exception>
    public CrlPublication Revoke(X509Certificate2 certificate, X509RevocationReason? reason = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!BouncyCastleBridge.IsSignedBy(certificate, Certificate))
        {
            throw new CertificateAuthorityException(
                $"The certificate with serial {certificate.SerialNumber} was not issued by this CA.");
        }

        return Revoke(certificate.SerialNumber, reason);
    }

    /// <summary>
    /// Writes a fresh CRL (PEM, signed by the CA, thisUpdate now, nextUpdate after
    /// <see cref="CertificateAuthorityOptions.CrlValidity"/>) listing every revoked serial. Publish again before nextUpdate.
    /// </summary>
    public CrlPublication PublishCrl()
    {
        var revoked = CertificateIndex.ReadRevoked(Files.RevokedIndexPath);
        var builder = new CertificateRevocationListBuilder();
        foreach (var record in revoked)
        {
            builder.AddEntry(SerialNumbers.ToBytes(record.SerialNumber), record.RevokedAt, record.Reason);
        }

        var number = ReadCrlNumber() + 1;
        var now = _time.GetUtcNow();
        var thisUpdate = now - _options.Backdate;
        var nextUpdate = now + _options.CrlValidity;
        var authorityKey = X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false);
        var crl = builder.Build(
            Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), number, nextUpdate,
            HashAlgorithmName.SHA256, authorityKey, thisUpdate);

        // The number goes first: after a crash a number may be skipped, never reused.
        SecureFiles.WriteAtomically(Files.CrlNumberPath, number.ToString(CultureInfo.InvariantCulture) + "\n");
        SecureFiles.WriteAtomically(Files.CrlPath, PemEncoding.WriteString("X509 CRL", crl));
        SecurityLog.CrlPublished(
            _logger, number.ToString(CultureInfo.InvariantCulture), revoked.Count, Files.CrlPath, nextUpdate);
        return new CrlPublication(Files.CrlPath, number, thisUpdate, nextUpdate, revoked.Count);
    }

    /// <summary>Every certificate this CA issued, in issue order.</summary>
    public IReadOnlyList<IssuedCertificateRecord> ListIssued() => CertificateIndex.ReadIssued(Files.IssuedIndexPath);

    /// <summary>Every serial this CA revoked, in revocation order.</summary>
    public IReadOnlyList<RevokedCertificateRecord> ListRevoked() => CertificateIndex.ReadRevoked(Files.RevokedIndexPath);

    /// <inheritdoc/>
    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }

    private BigInteger ReadCrlNumber()
    {
        var text = File.Exists(Files.CrlNumberPath) ? File.ReadAllText(Files.CrlNumberPath).Trim() : "0";
        return BigInteger.TryParse(text, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new CertificateAuthorityException($"The CRL number file '{Files.CrlNumberPath}' is damaged.");
    }
}
