using System.Net;
using System.Net.Sockets;

namespace Aquila.Cli.Tests.Support;

/// <summary>
/// A loopback TCP proxy in front of a server. It counts connections and resets the first <c>dropConnections</c> of
/// them (RST, as a killed process or a cut link would) once the client has sent <c>dropAfterBytes</c> through them;
/// later connections pass untouched. TLS goes through it end to end.
/// </summary>
public sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly long _dropAfterBytes;
    private readonly int _dropConnections;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly Task _accepting;
    private int _connections;

    public DroppingProxy(int targetPort, long dropAfterBytes = long.MaxValue, int dropConnections = 0)
    {
        _target = targetPort;
        _dropAfterBytes = dropAfterBytes;
        _dropConnections = dropConnections;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections reset mid-stream so far.</summary>
    public int Dropped => _dropped;

    private int _dropped;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var number = Interlocked.Increment(ref _connections);
            lock (_pumps)
            {
                _pumps.Add(RelayAsync(client, number <= _dropConnections ? _dropAfterBytes : long.MaxValue));
            }
        }
    }

    private async Task RelayAsync(TcpClient client, long dropAfter)
    {
        using var server = new TcpClient();
        using (client)
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                using var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var upstream = PumpAsync(client.GetStream(), server.GetStream(), dropAfter, cut);
                var downstream = PumpAsync(server.GetStream(), client.GetStream(), long.MaxValue, cut);
                await Task.WhenAny(upstream, downstream);
                if (await upstream)
                {
                    Interlocked.Increment(ref _dropped);
                    client.Client.LingerState = new LingerOption(true, 0);
                    server.Client.LingerState = new LingerOption(true, 0);
                }

                await cut.CancelAsync();
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // One side went away: close both.
            }
        }
    }

    // Copies until the source ends or the byte budget is used up; true when it stopped because of the budget.
    private static async Task<bool> PumpAsync(NetworkStream from, NetworkStream to, long budget, CancellationTokenSource cut)
    {
        var buffer = new byte[16 * 1024];
        long copied = 0;
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, cut.Token);
                if (read == 0)
                {
                    return false;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), cut.Token);
                copied += read;
                if (copied >= budget)
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] pumps;
        lock (_pumps)
        {
            pumps = [.. _pumps];
        }

        await Task.WhenAll(pumps);
        _stop.Dispose();
    }
}
