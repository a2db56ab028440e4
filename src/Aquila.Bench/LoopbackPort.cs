using System.Net;
using System.Net.Sockets;

namespace Aquila.Bench;

/// <summary>Free TCP ports on the loopback interface, for the servers the driver starts (Aquila, Redis, PostgreSQL).</summary>
internal static class LoopbackPort
{
    // Below Linux's ephemeral range (32768–60999 by default): a port the kernel gave out for port 0 is handed to the
    // next outgoing connection or port-0 bind of any process, so a child server could lose it before it binds.
    // From this range the kernel hands out nothing by itself; a Cluster node's bus port (+10000) stays below it too.
    private const int First = 10000;
    private const int Count = 10000;

    /// <summary>A port that was free a moment ago, from outside the kernel's ephemeral range.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = First + Random.Shared.Next(Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {First + Count - 1} after 1000 tries.");
    }

    /// <summary>True when <paramref name="port"/> can be bound now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            Bind(port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void Bind(int port)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
    }
}
