using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Aquila.Server.ScaleOut;

/// <summary>
/// On a Matcher instance, answers every Aquila call outside the Matching service (coordination, lists) with FailedPrecondition
/// naming the role: the coordinator instance owns lifecycle, ceremony, lists and audit. Runs after authentication, so an
/// unknown caller is still refused (and audited) as such.
/// </summary>
internal sealed class MatcherRoleInterceptor : Interceptor
{
    private const string AquilaPrefix = "/aquila.v1.";
    private const string MatchingPrefix = "/aquila.v1.Matching/";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, responseStream, context);
    }

    private static void Check(ServerCallContext context)
    {
        // Health checks and reflection stay available.
        if (context.Method.StartsWith(AquilaPrefix, StringComparison.Ordinal) && !context.Method.StartsWith(MatchingPrefix, StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"This server instance runs in the Matcher role and serves only the Matching service; call {context.Method} on the "
                + "coordinator instance (Server:Role = Coordinator), which owns projects, lifecycle, lists and the audit chain."));
        }
    }
}
