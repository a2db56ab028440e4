using Aquila.Bench;
using Aquila.Node;
using Aquila.Security;
using Aquila.Security.Pki;
using Aquila.Server.Options;

namespace Aquila.Server.Tests.Crash;

/// <summary>What every list crash trial shares: a PKI with a node identity per contributor and a coordinator.</summary>
public sealed class ListCrashFixture : IDisposable
{
    /// <summary>A configured matching project, only so the harness can tell when the server answers.</summary>
    public const string ProbeProject = "probe";

    private readonly TempDirectory _root = new();

    public ListCrashFixture()
    {
        Pki = LocalPki.Create(_root.File("pki"));
        foreach (var party in ListCrashWorkload.Parties)
        {
            Nodes[party] = NodeIdentity.Load(Pki.IssueIdentity(party, PartyRole.Node));
        }

        Coordinator = NodeIdentity.Load(Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "crash"));
    }

    public LocalPki Pki { get; }

    public Dictionary<string, NodeIdentity> Nodes { get; } = [];

    public NodeIdentity Coordinator { get; }

    public ServerOptions OptionsFor(string directory)
    {
        var options = LocalServerOptions.For(Pki, Path.Combine(directory, "data"), Path.Combine(directory, "server-keys"));
        options.Projects = [new ProjectOptions { Id = ProbeProject, Parties = [.. ListCrashWorkload.Parties] }];
        return options;
    }

    public void Dispose()
    {
        foreach (var node in Nodes.Values)
        {
            node.Dispose();
        }

        Coordinator.Dispose();
        Pki.Dispose();
        _root.Dispose();
    }
}
