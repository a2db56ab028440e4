using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Aquila.Security.Pki;

/// <summary>
/// Decides whether a client certificate presented over mutual TLS identifies an Aquila party. The TLS layer accepts
/// any certificate; this check runs afterwards so the caller gets a clear message and the refusal can be audited.
/// Checks, in order: presence; chain directly to a trusted root (custom root trust, no system store, no downloads,
/// clientAuth usage); validity with clock skew; ECDSA P-256 key; not a CA; strict party/role subject; revocation
/// against the CRL file (verified by hand, reloaded when it changes, failing closed). Thread-safe.
/// </summary>
public sealed class ClientCertificateValidator : IDisposable
{
    private readonly ClientCertificateValidatorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly X509Certificate2Collection _roots;
    private readonly RevocationListFile[] _crls;
    private readonly ConditionalWeakTable<X509Certificate2, VerifiedCertificate> _verified = new();

    /// <summary>Loads the trusted roots; CRLs are loaded on first use and whenever they change.</summary>
    /// <exception cref="ArgumentException">No root is configured, or a root file is missing or holds no CA certificate.</exception>
    /// <exception cref="InvalidDataException">The CRL-number record is damaged.</exception>
    public ClientCertificateValidator(
        ClientCertificateValidatorOptions options,
        ILogger<ClientCertificateValidator> logger,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.AllowedClockSkew < TimeSpan.Zero)
        {
            throw new ArgumentException("The allowed clock skew must not be negative.", nameof(options));
        }

        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _roots = LoadRoots(options.TrustedRootCertificatePaths);
        var roots = new List<X509Certificate2>(_roots);
        var numbers = options.CrlNumberRecordPath is { } record ? CrlNumberRecord.Open(record) : null;
        _crls = new RevocationListFile[options.CrlPaths.Count];
        for (var i = 0; i < _crls.Length; i++)
        {
            _crls[i] = new RevocationListFile(options.CrlPaths[i], roots, logger, numbers);
        }
    }

    /// <summary>Validates <paramref name="certificate"/>; <paramref name="extraChain"/> (from the TLS handshake) is not needed for Aquila's one-level PKI but accepted.</summary>
    public CertificateValidationResult Validate(X509Certificate2? certificate, X509Certificate2Collection? extraChain = null)
    {
        var result = certificate is null
            ? CertificateValidationResult.Failed(
                CertificateFailureKind.Missing,
                "No client certificate was presented. Connect with the certificate and key issued to you by the Aquila CA.")
            : CheckSafely(certificate, extraChain);
        if (!result.IsSuccess)
        {
            SecurityLog.CertificateRejected(_logger, result.Failure.ToString(), result.Message);
        }

        return result;
    }

    // A malformed certificate can make chain building throw; that is a refusal like any other, never a crash.
    private CertificateValidationResult CheckSafely(X509Certificate2 certificate, X509Certificate2Collection? extraChain)
    {
        try
        {
            return Check(certificate, extraChain);
        }
        catch (CryptographicException)
        {
            return CertificateValidationResult.Failed(CertificateFailureKind.Untrusted,
                "The client certificate cannot be parsed or chained; use the certificate issued to you by the Aquila CA.");
        }
    }

    /// <summary>
    /// The highest CRL number among the verified CRLs, or null when none is usable or none carries a number. A party
    /// that receives CRLs through someone else (a node, through the relay) keeps it to refuse an older CRL later.
    /// </summary>
    public System.Numerics.BigInteger? HighestCrlNumber()
    {
        System.Numerics.BigInteger? highest = null;
        foreach (var file in _crls)
        {
            var snapshot = file.Current();
            if (snapshot.Error is null && snapshot.Number >= 0 && (highest is null || snapshot.Number > highest))
            {
                highest = snapshot.Number;
            }
        }

        return highest;
    }

    /// <summary>
    /// For a health check: true when every configured CRL is readable, verified and not past its nextUpdate (so
    /// certificates are not being refused for revocation reasons). <paramref name="description"/> says what is wrong.
    /// </summary>
    public bool IsCrlHealthy(out string description)
    {
        var now = _time.GetUtcNow();
        foreach (var file in _crls)
        {
            var snapshot = file.Current();
            if (snapshot.Error is not null)
            {
                description = $"CRL {file.FilePath} is unusable: {snapshot.Error}.";
                return false;
            }

            if (now - _options.AllowedClockSkew > snapshot.NextUpdate)
            {
                description = $"CRL {file.FilePath} is stale since {snapshot.NextUpdate:O}; publish a fresh CRL.";
                return false;
            }
        }

        description = _crls.Length == 0 ? "No CRL is configured." : $"{_crls.Length} CRL file(s) verified and fresh.";
        return _crls.Length > 0 || !_options.RequireCrl;
    }

    /// <summary>
    /// For a host at start: loads every CRL and returns false, with what to do in <paramref name="problem"/>, when one is
    /// older (a lower CRL number) than a CRL already used — e.g. the TLS folder was restored from a backup. A missing or
    /// otherwise unusable CRL is not this method's concern: the validator fails closed on it and the health check says so.
    /// </summary>
    public bool CheckCrlsNotRolledBack(out string problem)
    {
        foreach (var file in _crls)
        {
            var snapshot = file.Current();
            if (snapshot.RolledBack)
            {
                problem = $"CRL {file.FilePath} is older than one this server already used: {snapshot.Error}.";
                return false;
            }
        }

        problem = "";
        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var root in _roots)
        {
            root.Dispose();
        }
    }

    private CertificateValidationResult Check(X509Certificate2 certificate, X509Certificate2Collection? extraChain)
    {
        var now = _time.GetUtcNow();

        // What cannot change for a given certificate (chain to our roots, key type, subject) is checked once per instance:
        // Kestrel hands every call of a connection the same instance, and building the chain costs far more than the call.
        // Time and revocation are checked on every call.
        if (extraChain is null && _verified.TryGetValue(certificate, out var known))
        {
            return CheckTimes(certificate, known.RootNotAfter, known.NotBefore, known.NotAfter, now)
                ?? CheckRevocation(certificate, known.RootFingerprint, now) ?? known.Accepted;
        }

        var label = CertificateLabel.For(certificate);
        var chainFailure = CheckChain(certificate, extraChain, label, out var rootFingerprint, out var rootNotAfter);
        if (chainFailure is not null)
        {
            return chainFailure;
        }

        var notBefore = new DateTimeOffset(certificate.NotBefore);
        var notAfter = new DateTimeOffset(certificate.NotAfter);
        if (CheckTimes(certificate, rootNotAfter, notBefore, notAfter, now) is { } timeFailure)
        {
            return timeFailure;
        }

        if (!KeyAlgorithms.IsP256(certificate.PublicKey))
        {
            return Fail(CertificateFailureKind.WrongKeyType,
                $"{label} has a {KeyAlgorithms.Describe(certificate.PublicKey)} key; Aquila accepts ECDSA P-256 certificates only.");
        }

        if (certificate.Extensions["2.5.29.19"] is X509BasicConstraintsExtension { CertificateAuthority: true })
        {
            return Fail(CertificateFailureKind.WrongUsage, $"{label} is a CA certificate, not a client certificate.");
        }

        if (!PartyIdentity.TryFromCertificate(certificate, out var identity, out var subjectError))
        {
            return Fail(CertificateFailureKind.BadSubject, $"{label} does not carry an Aquila party and role: {subjectError}");
        }

        var accepted = CertificateValidationResult.Success(identity);
        if (extraChain is null)
        {
            _verified.AddOrUpdate(certificate, new VerifiedCertificate(rootFingerprint, rootNotAfter, notBefore, notAfter, accepted));
        }

        return CheckRevocation(certificate, rootFingerprint, now) ?? accepted;
    }

    // The checks that depend on the clock, in the order a full check makes them: the root's validity, then the leaf's.
    private CertificateValidationResult? CheckTimes(X509Certificate2 certificate, DateTimeOffset rootNotAfter, DateTimeOffset notBefore,
        DateTimeOffset notAfter, DateTimeOffset now)
    {
        if (now - _options.AllowedClockSkew > rootNotAfter)
        {
            return Fail(CertificateFailureKind.Untrusted,
                $"{CertificateLabel.For(certificate)} was issued by an Aquila root CA that expired at {rootNotAfter:O}.");
        }

        if (now + _options.AllowedClockSkew < notBefore)
        {
            return Fail(CertificateFailureKind.NotYetValid,
                $"{CertificateLabel.For(certificate)} is not valid before {notBefore:O}; check the clocks or wait until then.");
        }

        return now - _options.AllowedClockSkew > notAfter
            ? Fail(CertificateFailureKind.Expired,
                $"{CertificateLabel.For(certificate)} expired at {notAfter:O}; ask the CA operator for a new certificate.")
            : null;
    }

    private CertificateValidationResult? CheckChain(X509Certificate2 certificate, X509Certificate2Collection? extraChain, string label,
        out string rootFingerprint, out DateTimeOffset rootNotAfter)
    {
        rootFingerprint = "";
        rootNotAfter = default;
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(_roots);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        policy.VerificationTimeIgnored = false;

        // Time is checked by hand (CheckTimes), with skew and a clear expired / not-yet-valid distinction; so the chain's
        // verdict does not depend on the clock and may be kept per certificate.
        policy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        policy.ApplicationPolicy.Add(new Oid(LeafProfile.ClientAuthentication));
        if (extraChain is not null)
        {
            policy.ExtraStore.AddRange(extraChain);
        }

        try
        {
            var built = chain.Build(certificate);
            var status = X509ChainStatusFlags.NoError;
            foreach (var element in chain.ChainStatus)
            {
                status |= element.Status;
            }

            if (!built)
            {
                return (status & X509ChainStatusFlags.NotValidForUsage) != 0
                       && (status & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) == 0
                    ? Fail(CertificateFailureKind.WrongUsage, $"{label} is not valid for TLS client authentication.")
                    : Fail(CertificateFailureKind.Untrusted,
                        $"{label} is not issued by a trusted Aquila CA (chain status: {status}). Use the certificate the Aquila CA issued to you.");
            }

            if (chain.ChainElements.Count != 2)
            {
                return Fail(CertificateFailureKind.Untrusted,
                    $"{label} must be issued directly by a trusted Aquila root CA (found a chain of {chain.ChainElements.Count} certificates).");
            }

            var root = chain.ChainElements[1].Certificate;
            rootNotAfter = new DateTimeOffset(root.NotAfter);
            rootFingerprint = root.GetCertHashString(HashAlgorithmName.SHA256);
            return null;
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                // Chain elements are the chain's own copies; never dispose an instance the caller or this class holds.
                if (!IsHeldElsewhere(element.Certificate, certificate, extraChain))
                {
                    element.Certificate.Dispose();
                }
            }
        }
    }

    private CertificateValidationResult? CheckRevocation(X509Certificate2 certificate, string rootFingerprint, DateTimeOffset now)
    {
        RevocationListSnapshot? crl = null;
        foreach (var file in _crls)
        {
            var snapshot = file.Current();
            if (snapshot.Error is not null)
            {
                // We cannot tell which CA an unusable file belongs to, so any unusable CRL fails every certificate.
                return Fail(CertificateFailureKind.RevocationUnknown,
                    $"The revocation status of {CertificateLabel.For(certificate)} cannot be checked: the server's CRL is unusable ({snapshot.Error}). Access is refused until the operator installs a valid CRL.");
            }

            if (snapshot.IssuerFingerprint == rootFingerprint)
            {
                crl = snapshot;
            }
        }

        if (crl is null)
        {
            return _options.RequireCrl
                ? Fail(CertificateFailureKind.RevocationUnknown,
                    $"The revocation status of {CertificateLabel.For(certificate)} cannot be checked: no CRL of its issuing CA is configured on the server.")
                : null;
        }

        if (now - _options.AllowedClockSkew > crl.NextUpdate)
        {
            if (!_options.AcceptStaleCrl)
            {
                return Fail(CertificateFailureKind.RevocationUnknown,
                    $"The revocation status of {CertificateLabel.For(certificate)} cannot be checked: the server's CRL expired at {crl.NextUpdate:O}. The CA operator must publish a fresh CRL.");
            }

            if (crl.FirstStaleNotice())
            {
                foreach (var file in _crls)
                {
                    SecurityLog.CrlStale(_logger, file.FilePath, crl.NextUpdate);
                }
            }
        }

        var serial = SerialNumbers.FromBytes(certificate.SerialNumberBytes.Span);
        return crl.RevokedSerials.Contains(serial)
            ? Fail(CertificateFailureKind.Revoked, $"{CertificateLabel.For(certificate)} has been revoked by the Aquila CA.")
            : null;
    }

    private bool IsHeldElsewhere(X509Certificate2 element, X509Certificate2 certificate, X509Certificate2Collection? extraChain)
    {
        if (ReferenceEquals(element, certificate))
        {
            return true;
        }

        foreach (var held in _roots)
        {
            if (ReferenceEquals(element, held))
            {
                return true;
            }
        }

        if (extraChain is not null)
        {
            foreach (var held in extraChain)
            {
                if (ReferenceEquals(element, held))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static CertificateValidationResult Fail(CertificateFailureKind kind, string message) =>
        CertificateValidationResult.Failed(kind, message);

    // A certificate whose chain, key and subject passed; the root's and its own validity are checked again on every call.
    private sealed record VerifiedCertificate(
        string RootFingerprint, DateTimeOffset RootNotAfter, DateTimeOffset NotBefore, DateTimeOffset NotAfter, CertificateValidationResult Accepted);

    private static X509Certificate2Collection LoadRoots(IList<string> paths)
    {
        if (paths.Count == 0)
        {
            throw new ArgumentException("At least one trusted root certificate path must be configured.", nameof(paths));
        }

        var roots = new X509Certificate2Collection();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new ArgumentException($"The trusted root certificate file '{path}' does not exist.", nameof(paths));
            }

            var loaded = new X509Certificate2Collection();
            loaded.ImportFromPemFile(path);
            if (loaded.Count == 0)
            {
                throw new ArgumentException($"The file '{path}' holds no PEM certificate.", nameof(paths));
            }

            foreach (var root in loaded)
            {
                if (root.Extensions["2.5.29.19"] is not X509BasicConstraintsExtension { CertificateAuthority: true })
                {
                    throw new ArgumentException($"The certificate in '{path}' (serial {root.SerialNumber}) is not a CA certificate.", nameof(paths));
                }

                roots.Add(root);
            }
        }

        return roots;
    }
}
