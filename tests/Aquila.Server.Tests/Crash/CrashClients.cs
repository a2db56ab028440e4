using Aquila.Node;

namespace Aquila.Server.Tests.Crash;

/// <summary>Opens one channel per party, in <see cref="CrashWorkload.Parties"/> order.</summary>
public static class CrashClients
{
    public static PartyClient[] Connect(Uri address, IReadOnlyDictionary<string, NodeIdentity> nodes)
    {
        var clients = new PartyClient[CrashWorkload.Parties.Length];
        for (var p = 0; p < clients.Length; p++)
        {
            var party = CrashWorkload.Parties[p];
            var channel = AquilaChannel.Create(address, nodes[party]);
            clients[p] = new PartyClient(party, channel, new Protocol.V1.Matching.MatchingClient(channel));
        }

        return clients;
    }

    public static void Dispose(PartyClient[] clients)
    {
        foreach (var client in clients)
        {
            client.Channel.Dispose();
        }
    }
}
