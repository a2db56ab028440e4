using Microsoft.AspNetCore.Connections;

namespace Aquila.Server.Hosting;

/// <summary>
/// Caps how long one connection lives, so that a certificate revoked while its connection is open stops working
/// within the cap: the client reconnects and is authenticated again.
/// </summary>
internal static class ConnectionLifetime
{
    public static async Task Enforce(ConnectionDelegate next, ConnectionContext connection, TimeSpan lifetime)
    {
        using var timer = new CancellationTokenSource(lifetime);
        await using var abort = timer.Token.Register(static state =>
            ((ConnectionContext)state!).Abort(new ConnectionAbortedException("Connection lifetime reached; reconnect.")), connection);
        await next(connection);
    }
}
