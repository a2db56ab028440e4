using System.Security.Cryptography.X509Certificates;
using Aquila.Coordination.Audit;
using Aquila.Security.Pki;
using Aquila.Server.Options;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Authentication;

/// <summary>
/// Authenticates every gRPC call by its client certificate (Kestrel accepts any certificate at the TLS layer, so a
/// refused caller gets a clear status and an audit entry instead of a bare handshake failure).
/// </summary>
internal sealed class CertificateAuthenticationInterceptor(
    ClientCertificateValidator validator,
    ServerAudit audit,
    RefusalDigest refusals,
    ServerOptions options,
    TimeProvider time,
    ILogger<CertificateAuthenticationInterceptor> logger) : Interceptor
{
    private const string HealthMethodPrefix = "/grpc.health.v1.Health/";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = await AuthenticateAsync(context);
        await continuation(request, Revalidating(responseStream, caller, context), context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = await AuthenticateAsync(context);
        await continuation(requestStream, Revalidating(responseStream, caller, context), context);
    }

    private RevalidatingStreamWriter<T> Revalidating<T>(IServerStreamWriter<T> responseStream, X509Certificate2? certificate,
        ServerCallContext context) =>
        new(responseStream, new StreamCaller(certificate, context.Method, context.GetHttpContext().Connection.RemoteIpAddress?.ToString(),
            validator, audit, time, logger), options.StreamRecheckInterval);

    private async Task<X509Certificate2?> AuthenticateAsync(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var certificate = http.Connection.ClientCertificate
            ?? await http.Connection.GetClientCertificateAsync(context.CancellationToken);
        var result = validator.Validate(certificate);
        if (result.IsSuccess)
        {
            CallerContext.Set(context, result.Identity!);
            return certificate;
        }

        // A health check is answered when the caller's certificate is good as far as it can be checked and only the
        // server's own CRL is unusable: the answer is then NOT_SERVING, which says what is wrong, instead of a refusal.
        if (result.Failure == CertificateFailureKind.RevocationUnknown && context.Method.StartsWith(HealthMethodPrefix, StringComparison.Ordinal))
        {
            return certificate;
        }

        // Repeats from one address for one reason are counted, not each written: anyone on the network can call.
        var failure = result.Failure.ToString();
        var remote = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var refusal = new Refusal(remote, AuditKind.AuthFailed, failure + ": " + result.Message, AuditActor.Anonymous,
            ServerAudit.Details(("method", context.Method), ("failure", failure), ("reason", result.Message), ("remote", remote)),
            "unauthenticated, " + failure);
        if (await refusals.RecordAsync(refusal, CancellationToken.None))
        {
            ServerLog.AuthenticationFailed(logger, context.Method, failure, result.Message);
        }

        throw new RpcException(new Status(StatusCode.Unauthenticated, result.Message));
    }
}
