using System.Diagnostics;
using Aquila.Bench;
using Aquila.Node;
using Aquila.Security;
using Aquila.Security.Pki;
using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Aquila.Tokens.Derivation;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Tests.Crash;

/// <summary>
/// What every crash trial shares: a PKI with one node identity per party, the tokenised batches of
/// <see cref="CrashWorkload"/>, and the hits of a clean reference run (an in-process server fed every batch, no crash).
/// </summary>
public sealed class CrashFixture : IAsyncLifetime
{
    public const string Project = "crash";

    /// <summary>Batches per party.</summary>
    public const int BatchesPerParty = 40;

    private const int WorkloadSeed = 20261125;
    private const int MinimumHitsPerParty = 200;

    private readonly TempDirectory _root = new();

    public LocalPki Pki { get; private set; } = null!;

    /// <summary>Each party's node identity, by party code.</summary>
    public Dictionary<string, NodeIdentity> Nodes { get; } = [];

    /// <summary>Batch file paths, [party number][batch number], parties in <see cref="CrashWorkload.Parties"/> order.</summary>
    public string[][] Batches { get; private set; } = [];

    /// <summary>Per party code, the final hits of the reference run (<see cref="HitStream.FinalHits"/>).</summary>
    public Dictionary<string, SortedSet<string>> ReferenceHits { get; } = [];

    /// <summary>How long the reference run's ingest took, for the report.</summary>
    public TimeSpan ReferenceIngest { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        Pki = LocalPki.Create(_root.File("pki"));
        foreach (var party in CrashWorkload.Parties)
        {
            Nodes[party] = NodeIdentity.Load(Pki.IssueIdentity(party, PartyRole.Node));
        }

        var work = _root.File("batches");
        Directory.CreateDirectory(work);
        var rows = CrashWorkload.Create(WorkloadSeed, BatchesPerParty);
        Batches = new string[rows.Length][];
        using (var key = ProjectKey.Generate())
        {
            for (var p = 0; p < rows.Length; p++)
            {
                Batches[p] = new string[rows[p].Length];
                for (var b = 0; b < rows[p].Length; b++)
                {
                    Batches[p][b] = TestRecords.Tokenize(work, CrashWorkload.Parties[p], Project, key, rows[p][b]);
                }
            }
        }

        await RunReferenceAsync(cancel);
    }

    /// <summary>Server options with the data and key directories under <paramref name="directory"/>.</summary>
    public ServerOptions OptionsFor(string directory)
    {
        var options = LocalServerOptions.For(Pki, Path.Combine(directory, "data"), Path.Combine(directory, "server-keys"));
        options.MaxBatchBytes = 1 << 20;
        options.Projects = [new ProjectOptions { Id = Project, Parties = [.. CrashWorkload.Parties] }];
        return options;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var node in Nodes.Values)
        {
            node.Dispose();
        }

        Pki?.Dispose();
        _root.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task RunReferenceAsync(CancellationToken cancel)
    {
        var logs = new CapturedLogs();
        await using var server = await AquilaServer.StartAsync(OptionsFor(_root.File("reference")),
            logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Warning), cancel);
        var clients = CrashClients.Connect(server.Address, Nodes);
        try
        {
            var clock = Stopwatch.StartNew();
            for (var p = 0; p < Batches.Length; p++)
            {
                var submitter = new BatchSubmitter(clients[p].Client);
                foreach (var batch in Batches[p])
                {
                    await submitter.SubmitAsync(batch, null, cancel);
                }
            }

            ReferenceIngest = clock.Elapsed;
            for (var p = 0; p < Batches.Length; p++)
            {
                var party = CrashWorkload.Parties[p];
                var hits = HitStream.FinalHits(await HitStream.ReadAllAsync(clients[p].Client, Project, cancel));
                // Comparing with the reference proves little if the workload makes few hits.
                if (hits.Count < MinimumHitsPerParty)
                {
                    throw new InvalidOperationException($"The reference run gave party {party} only {hits.Count} hits.");
                }

                ReferenceHits[party] = hits;
            }
        }
        finally
        {
            CrashClients.Dispose(clients);
        }

        var errors = logs.Errors().ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The reference run logged errors: " + string.Join("; ", errors));
        }
    }
}
