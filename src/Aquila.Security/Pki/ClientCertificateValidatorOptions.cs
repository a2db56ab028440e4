namespace Aquila.Security.Pki;

/// <summary>Settings of <see cref="ClientCertificateValidator"/>. The host binds them from configuration.</summary>
public sealed class ClientCertificateValidatorOptions
{
    /// <summary>PEM files holding the trusted Aquila root certificate(s) (the CA's <c>ca.crt.pem</c>).</summary>
    public IList<string> TrustedRootCertificatePaths { get; } = [];

    /// <summary>CRL files (PEM or DER), each signed by one of the trusted roots; reloaded when they change on disk.</summary>
    public IList<string> CrlPaths { get; } = [];

    /// <summary>Tolerance for clocks when checking certificate validity and CRL nextUpdate.</summary>
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// When true (the default) a certificate whose issuing root has no CRL configured is refused; set false only for
    /// a deployment that deliberately runs without revocation.
    /// </summary>
    public bool RequireCrl { get; set; } = true;

    /// <summary>
    /// When false (the default) a CRL past its nextUpdate makes every certificate of its CA fail (fail closed);
    /// when true a stale CRL is still used and a warning is logged.
    /// </summary>
    public bool AcceptStaleCrl { get; set; }

    /// <summary>
    /// A file where the highest CRL number used from each CA is kept (flushed to disk before the CRL is used), so an
    /// older CRL put back is refused after a restart too. Null keeps it in memory only.
    /// </summary>
    public string? CrlNumberRecordPath { get; set; }
}
