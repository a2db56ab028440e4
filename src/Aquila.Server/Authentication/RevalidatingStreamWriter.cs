using Grpc.Core;

namespace Aquila.Server.Authentication;

/// <summary>
/// The response stream of a long-lived call (WatchHits, WatchListHits, ExportHits): before a message goes out, the
/// caller's certificate is checked again once <see cref="Options.ServerOptions.StreamRecheckInterval"/> has passed since
/// the last check, so a certificate revoked (or expired) while its stream is open receives nothing more and the call
/// ends with UNAUTHENTICATED. Every unary call is checked on its own, so open connections need no lifetime cap.
/// </summary>
internal sealed class RevalidatingStreamWriter<T>(
    IServerStreamWriter<T> inner,
    StreamCaller caller,
    TimeSpan interval) : IServerStreamWriter<T>
{
    private long _lastCheck = caller.Time.GetTimestamp();

    public WriteOptions? WriteOptions
    {
        get => inner.WriteOptions;
        set => inner.WriteOptions = value;
    }

    public async Task WriteAsync(T message)
    {
        await RecheckAsync();
        await inner.WriteAsync(message);
    }

    public async Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        await RecheckAsync();
        await inner.WriteAsync(message, cancellationToken);
    }

    private async ValueTask RecheckAsync()
    {
        if (caller.Time.GetElapsedTime(_lastCheck) < interval)
        {
            return;
        }

        var result = caller.Validator.Validate(caller.Certificate);
        if (result.IsSuccess)
        {
            _lastCheck = caller.Time.GetTimestamp();
            return;
        }

        var reason = "The client certificate is no longer valid (" + result.Message + "); the stream was ended.";
        ServerLog.StreamEnded(caller.Logger, caller.Method, result.Failure.ToString(), result.Message);
        await caller.Audit.AuthenticationFailedAsync(caller.Method, result.Failure.ToString(), reason, caller.Remote,
            CancellationToken.None);
        throw new RpcException(new Status(StatusCode.Unauthenticated, reason));
    }
}
