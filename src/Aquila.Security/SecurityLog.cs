using Microsoft.Extensions.Logging;

namespace Aquila.Security;

/// <summary>Source-generated log messages of Aquila.Security. Certificates are named by serial, fingerprint, party and role only.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 1, EventName = "CertificateAuthorityCreated", Level = LogLevel.Information, Message = "Created certificate authority in {Directory} (root serial {SerialNumber})")]
    public static partial void CertificateAuthorityCreated(ILogger logger, string directory, string serialNumber);

    [LoggerMessage(EventId = 2, EventName = "CertificateIssued", Level = LogLevel.Information, Message = "Issued {Profile} certificate serial {SerialNumber} to {Party}/{Role}, valid until {NotAfter:O}")]
    public static partial void CertificateIssued(
        ILogger logger, string profile, string serialNumber, string party, string role, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 3, EventName = "CertificateRevoked", Level = LogLevel.Information, Message = "Revoked certificate serial {SerialNumber}")]
    public static partial void CertificateRevoked(ILogger logger, string serialNumber);

    [LoggerMessage(EventId = 4, EventName = "CrlPublished", Level = LogLevel.Information, Message = "Published CRL number {Number} with {RevokedCount} revoked serials to {Path}, next update {NextUpdate:O}")]
    public static partial void CrlPublished(ILogger logger, string number, int revokedCount, string path, DateTimeOffset nextUpdate);

    // Debug: the caller decides how a refusal is logged and audited (the server collapses repeats from one source, so
    // a flood of calls without a certificate cannot flood the log through this line).
    [LoggerMessage(EventId = 10, EventName = "CertificateRejected", Level = LogLevel.Debug, Message = "Client certificate rejected ({Kind}): {Reason}")]
    public static partial void CertificateRejected(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 11, EventName = "CrlLoaded", Level = LogLevel.Information, Message = "Loaded CRL {Path}: {RevokedCount} revoked serials, next update {NextUpdate:O}")]
    public static partial void CrlLoaded(ILogger logger, string path, int revokedCount, DateTimeOffset nextUpdate);

    [LoggerMessage(EventId = 12, EventName = "CrlLoadFailed", Level = LogLevel.Error, Message = "CRL {Path} could not be used, failing closed until a valid CRL is in place: {Reason}")]
    public static partial void CrlLoadFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 13, EventName = "CrlStale", Level = LogLevel.Warning, Message = "CRL {Path} is stale: its next update was {NextUpdate:O}; publish a fresh CRL")]
    public static partial void CrlStale(ILogger logger, string path, DateTimeOffset nextUpdate);
}
