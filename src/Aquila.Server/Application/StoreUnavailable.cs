using Grpc.Core;

namespace Aquila.Server.Application;

/// <summary>A shared store (Redis) that does not answer: Unavailable, so the node retries from its cursor or resends.</summary>
internal static class StoreUnavailable
{
    public static RpcException Of(IOException e) =>
        new(new Status(StatusCode.Unavailable, "The matcher's store is unavailable (" + e.GetType().Name + "); retry later."));

    /// <summary>Runs a store call, turning its <see cref="IOException"/> into Unavailable.</summary>
    public static async Task<T> CallAsync<T>(Func<ValueTask<T>> call)
    {
        try
        {
            return await call();
        }
        catch (IOException e)
        {
            throw Of(e);
        }
    }
}
