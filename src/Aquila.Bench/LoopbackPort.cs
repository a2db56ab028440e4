using System.Net;
using System.Net.Sockets;

namespace Aquila.Bench;

/// <summary>Free TCP ports on the loopback interface, for the servers the driver starts (Aquila, Redis, PostgreSQL).</summary>
internal static class LoopbackPort
{
    /// <summary>A port the system just gave out as free (it could be taken again before the caller binds it).</summary>
    public static int Free() => Bind(0);

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

    private static int Bind(int port)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
