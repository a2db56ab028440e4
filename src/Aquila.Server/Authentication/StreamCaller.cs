using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Pki;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Authentication;

/// <summary>What a <see cref="RevalidatingStreamWriter{T}"/> needs to check the caller of one stream again.</summary>
internal sealed record StreamCaller(
    X509Certificate2? Certificate,
    string Method,
    string? Remote,
    ClientCertificateValidator Validator,
    ServerAudit Audit,
    TimeProvider Time,
    ILogger Logger);
