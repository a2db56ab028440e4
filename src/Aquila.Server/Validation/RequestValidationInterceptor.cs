using Aquila.Coordination.Audit;
using Aquila.Server.Authentication;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Validation;

/// <summary>
/// Checks every request message of every service with <see cref="RequestFieldRules"/> before the service sees it (runs
/// after authentication). A refused field gets INVALID_ARGUMENT, a log line without its value, and an audit entry with
/// a cut, printable preview; repeats from one caller are counted by the <see cref="RefusalDigest"/>.
/// </summary>
internal sealed class RequestValidationInterceptor(RefusalDigest refusals, ILogger<RequestValidationInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await CheckAsync(request, context);
        return await continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new ValidatingStreamReader<TRequest>(requestStream, message => CheckAsync(message, context)), context);

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await CheckAsync(request, context);
        await continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new ValidatingStreamReader<TRequest>(requestStream, message => CheckAsync(message, context)), responseStream, context);

    private async ValueTask CheckAsync<TRequest>(TRequest request, ServerCallContext context)
    {
        if (request is not IMessage message || RequestFieldRules.Check(message) is not { } problem)
        {
            return;
        }

        var caller = context.Caller();
        var refusal = new Refusal(caller.Party + "/" + caller.SerialNumber, AuditKind.RequestRefused,
            context.Method + " " + problem.Field + ": " + problem.Problem, AuditActor.FromIdentity(caller),
            ServerAudit.Details(("method", context.Method), ("field", problem.Field), ("problem", problem.Problem),
                ("value", problem.Preview), ("serial", caller.SerialNumber)),
            "invalid " + problem.Field + " from " + caller.Party);
        if (await refusals.RecordAsync(refusal, CancellationToken.None))
        {
            ServerLog.RequestRefused(logger, context.Method, caller.Party, problem.Field, problem.Problem);
        }

        throw new AuditedRpcException(new Status(StatusCode.InvalidArgument,
            $"The request's {problem.Field} is not allowed: {problem.Problem}."));
    }
}
