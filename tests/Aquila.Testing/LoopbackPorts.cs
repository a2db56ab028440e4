using System.Net;
using System.Net.Sockets;

namespace Aquila.Testing;

/// <summary>
/// Loopback ports for child processes (a server, redis-server, prometheus) that a test starts and may restart on the
/// same port. A port taken by binding port 0 and releasing it is an ephemeral port: the kernel hands the same
/// number to the next outgoing connection or port-0 bind of any process (another test assembly runs in parallel),
/// so the child can lose it before it binds. These ports come from below Linux's ephemeral range
/// (32768–60999 by default), which the kernel never hands out by itself, and each is reserved across the test
/// processes of the machine by an exclusively held lock file for the life of the process that took it.
/// </summary>
public static class LoopbackPorts
{
    private const int First = 20000;
    private const int Count = 2700; // 20000–22699; a cluster bus port (+10000) stays below 32768 too.
    private const int ClusterBusOffset = 10000;

    private static readonly string LockDirectory = Path.Combine(Path.GetTempPath(), "aquila-test-ports");
    private static readonly List<FileStream> Held = [];

    /// <summary>A free loopback port reserved for this test process.</summary>
    public static int Take() => Take(withClusterBus: false);

    /// <summary>A free loopback port whose Redis Cluster bus port (port + 10000) is free too; both reserved.</summary>
    public static int TakeWithClusterBus() => Take(withClusterBus: true);

    private static int Take(bool withClusterBus)
    {
        Directory.CreateDirectory(LockDirectory);
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = First + Random.Shared.Next(Count);
            if (!TryReserve(port))
            {
                continue;
            }

            if (!withClusterBus || TryReserve(port + ClusterBusOffset))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {First + Count - 1} after 1000 tries.");
    }

    private static bool TryReserve(int port)
    {
        FileStream reservation;
        try
        {
            // Held open without sharing until the process ends: another test process cannot take the same port,
            // and a crashed process leaves a file that the next one opens again (the lock dies with the process).
            reservation = new FileStream(Path.Combine(LockDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return false;
        }

        if (!IsFree(port))
        {
            reservation.Dispose();
            return false;
        }

        lock (Held)
        {
            Held.Add(reservation);
        }

        return true;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
