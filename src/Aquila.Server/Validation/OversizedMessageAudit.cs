using Aquila.Coordination.Audit;
using Aquila.Security.Pki;
using Aquila.Server.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Validation;

/// <summary>
/// Audits the calls gRPC refuses before any interceptor runs: a unary request over the 4 MiB message limit is read
/// (and refused with RESOURCE_EXHAUSTED) by grpc-dotnet before the call reaches <see cref="CertificateAuthenticationInterceptor"/>,
/// so without this nothing would record it. Runs around every gRPC endpoint; a call that ends RESOURCE_EXHAUSTED without an
/// authenticated caller set by the interceptor is such a refusal. The caller's party comes from its client certificate,
/// checked as the interceptor checks it; repeats are counted by the <see cref="RefusalDigest"/>.
/// </summary>
internal sealed class OversizedMessageAudit(
    RequestDelegate next,
    ClientCertificateValidator validator,
    RefusalDigest refusals,
    ILogger<OversizedMessageAudit> logger)
{
    private const string ResourceExhausted = "8";
    private const string Problem = "the request message is over the 4 MiB limit";

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.GetEndpoint() is null || StatusOf(context) != ResourceExhausted || CallerContext.IsSet(context))
        {
            return;
        }

        var method = context.Request.Path.Value ?? "";
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var certificate = context.Connection.ClientCertificate;
        var checkedCaller = validator.Validate(certificate);
        var caller = checkedCaller.IsSuccess ? checkedCaller.Identity : null;
        var party = caller?.Party ?? "unauthenticated";
        var refusal = new Refusal(caller is null ? remote : caller.Party + "/" + caller.SerialNumber, AuditKind.RequestRefused,
            method + " message: " + Problem, caller is null ? AuditActor.Anonymous : AuditActor.FromIdentity(caller),
            ServerAudit.Details(("method", method), ("field", "message"), ("problem", Problem), ("remote", remote),
                ("serial", caller?.SerialNumber ?? ""), ("caller", caller is null ? checkedCaller.Failure.ToString() : "authenticated")),
            "over-limit message from " + party);
        if (await refusals.RecordAsync(refusal, CancellationToken.None))
        {
            ServerLog.RequestRefused(logger, method, party, "message", Problem);
        }
    }

    // A refused unary call is a trailers-only response (the status in the headers); a streamed one has real trailers.
    private static string? StatusOf(HttpContext context)
    {
        if (context.Response.Headers.TryGetValue("grpc-status", out var status))
        {
            return status.ToString();
        }

        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        return trailers is not null && trailers.TryGetValue("grpc-status", out status) ? status.ToString() : null;
    }
}
