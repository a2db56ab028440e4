using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Aquila.Server.Application;

/// <summary>
/// The transport edge for the Redis store's failures: whichever call path meets a Redis that does not answer (a batch
/// script, a lifecycle read, a hit read, opening a project), the client gets Unavailable with
/// <see cref="StoreUnavailable.RedisMessage"/> instead of Unknown, so nodes retry. Other exceptions pass unchanged.
/// </summary>
internal sealed class StoreUnavailableInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (StoreUnavailable.IsRedisFailure(e))
        {
            throw StoreUnavailable.OfRedis(e);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (StoreUnavailable.IsRedisFailure(e))
        {
            throw StoreUnavailable.OfRedis(e);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (StoreUnavailable.IsRedisFailure(e))
        {
            throw StoreUnavailable.OfRedis(e);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e) when (StoreUnavailable.IsRedisFailure(e))
        {
            throw StoreUnavailable.OfRedis(e);
        }
    }
}
