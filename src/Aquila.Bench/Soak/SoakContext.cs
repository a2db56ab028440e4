using Aquila.Node;
using Aquila.Tokens.Keys;
using Grpc.Net.Client;

namespace Aquila.Bench.Soak;

/// <summary>What every part of a soak run shares: the server's address, one channel per party and one for the coordinator.</summary>
internal sealed class SoakContext(SoakOptions options, string workDirectory, string[] parties, SoakCounters counters) : IDisposable
{
    private readonly Dictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);
    private readonly List<NodeIdentity> _identities = [];

    public SoakOptions Options { get; } = options;

    public string WorkDirectory { get; } = workDirectory;

    public string[] Parties { get; } = parties;

    public SoakCounters Counters { get; } = counters;

    public MatchKeySchema Schema { get; } = MatchKeySchema.Default;

    public Dictionary<string, NodeIdentity> Identities { get; } = new(StringComparer.Ordinal);

    public GrpcChannel Coordinator { get; private set; } = null!;

    public Protocol.V1.Coordination.CoordinationClient CoordinationFor(string party) => new(_channels[party]);

    public Protocol.V1.Matching.MatchingClient MatchingFor(string party) => new(_channels[party]);

    public GrpcChannel ChannelOf(string party) => _channels[party];

    public Protocol.V1.Coordination.CoordinationClient CoordinatorClient() => new(Coordinator);

    public void Connect(Uri address, IReadOnlyDictionary<string, NodeIdentity> nodes, NodeIdentity coordinator)
    {
        foreach (var (party, identity) in nodes)
        {
            Identities[party] = identity;
            _identities.Add(identity);
            _channels[party] = AquilaChannel.Create(address, identity);
        }

        _identities.Add(coordinator);
        Coordinator = AquilaChannel.Create(address, coordinator);
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        Coordinator?.Dispose();
        foreach (var identity in _identities)
        {
            identity.Dispose();
        }
    }
}
