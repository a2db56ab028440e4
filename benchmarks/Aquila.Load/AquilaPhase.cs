using System.Diagnostics;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Security.Pki;
using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Microsoft.Extensions.Logging;

namespace Aquila.Load;

/// <summary>
/// The Aquila side of a load run: the real server in this process (Kestrel, TLS 1.3, client certificates, embedded
/// write-ahead log), every party submitting its batches over its own mutual-TLS channel at the same time, hits read
/// back by every party, memory measured around the load, then a restart on the same data directory.
/// </summary>
internal sealed class AquilaPhase(string workDirectory, string projectId, string[] parties)
{
    public async Task<AquilaResult> RunAsync(IReadOnlyList<PreparedBatch> batches, Action<string> say, CancellationToken cancellationToken)
    {
        using var pki = LocalPki.Create(Path.Combine(workDirectory, "pki"));
        var options = LocalServerOptions.For(pki, workDirectory);
        options.Projects = [new ProjectOptions { Id = projectId, Parties = [.. parties] }];
        var identities = new NodeIdentity[parties.Length];
        for (var p = 0; p < parties.Length; p++)
        {
            identities[p] = NodeIdentity.Load(pki.IssueIdentity(parties[p], PartyRole.Node));
        }

        try
        {
            var rssBefore = ResidentMemory.AfterFullCollection();
            var heapBefore = ResidentMemory.ManagedHeapBytes();
            var server = await AquilaServer.StartAsync(options, Quiet, cancellationToken);
            var result = new AquilaResult { RssBeforeBytes = rssBefore };
            try
            {
                say($"Aquila server on {server.Address}; {parties.Length} parties submit {batches.Count} batches over mutual TLS.");
                await using (var sampler = ResidentMemory.StartSampling(TimeSpan.FromMilliseconds(20)))
                {
                    var cpu = CpuClock.ProcessSeconds();
                    await SubmitAllAsync(server.Address, identities, batches, result, cancellationToken);
                    result.IngestCpuSeconds = CpuClock.ProcessSeconds() - cpu;

                    say("All batches acknowledged; reading every party's hits.");
                    var hitClock = Stopwatch.StartNew();
                    var events = await ReadAllHitsAsync(server.Address, identities, cancellationToken);
                    result.LastAckToLastHitSeconds = hitClock.Elapsed.TotalSeconds;
                    result.HitEvents = events.Total;
                    result.Hits = events.NewEvents / 2;
                    result.RssPeakBytes = sampler.Peak;
                }

                result.RssAfterBytes = ResidentMemory.AfterFullCollection();
                result.ManagedHeapGrowthBytes = ResidentMemory.ManagedHeapBytes() - heapBefore;
            }
            finally
            {
                await server.DisposeAsync();
            }

            say("Restarting the server on the same data directory.");
            var restart = Stopwatch.StartNew();
            var restartCpu = CpuClock.ProcessSeconds();
            var again = await AquilaServer.StartAsync(options, Quiet, cancellationToken);
            await using (again)
            {
                using var channel = AquilaChannel.Create(again.Address, identities[0]);
                var client = new Protocol.V1.Matching.MatchingClient(channel);
                await client.GetProjectAsync(new GetProjectRequest { ProjectId = projectId }, cancellationToken: cancellationToken);
                result.RestartSeconds = restart.Elapsed.TotalSeconds;
                result.RestartCpuSeconds = CpuClock.ProcessSeconds() - restartCpu;
                var replayed = 0L;
                await foreach (var hit in new HitReader(client).ReadAsync(projectId, 0, follow: false, cancellationToken))
                {
                    replayed++;
                }

                result.RestartFirstPartyHitEvents = replayed;
            }

            return result;
        }
        finally
        {
            foreach (var identity in identities)
            {
                identity.Dispose();
            }
        }
    }

    private static void Quiet(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Warning).AddFilter(_ => false);

    private async Task SubmitAllAsync(Uri address, NodeIdentity[] identities, IReadOnlyList<PreparedBatch> batches, AquilaResult result,
        CancellationToken cancellationToken)
    {
        var latencies = new List<double>[parties.Length];
        var lastAck = new long[parties.Length];
        var clock = Stopwatch.StartNew();
        var tasks = new Task[parties.Length];
        for (var p = 0; p < parties.Length; p++)
        {
            var party = p;
            latencies[party] = [];
            tasks[party] = Task.Run(async () =>
            {
                using var channel = AquilaChannel.Create(address, identities[party]);
                var submitter = new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(channel));
                foreach (var batch in batches)
                {
                    if (batch.Party != parties[party])
                    {
                        continue;
                    }

                    var sent = Stopwatch.GetTimestamp();
                    var receipt = await submitter.SubmitAsync(batch.Path, null, cancellationToken);
                    latencies[party].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    lastAck[party] = clock.ElapsedTicks;
                    if (receipt.Tokens != batch.Tokens)
                    {
                        throw new InvalidOperationException(
                            $"The server acknowledged {receipt.Tokens} tokens of a batch of party {batch.Party} that holds {batch.Tokens}.");
                    }
                }
            }, cancellationToken);
        }

        await Task.WhenAll(tasks);
        var all = new List<double>();
        foreach (var list in latencies)
        {
            all.AddRange(list);
        }

        result.IngestSeconds = (double)lastAck.Max() / Stopwatch.Frequency;
        result.AckLatencyP50Ms = Percentiles.Of(all, 50);
        result.AckLatencyP99Ms = Percentiles.Of(all, 99);
        result.AckLatencyMaxMs = Percentiles.Of(all, 100);
    }

    private async Task<(long Total, long NewEvents)> ReadAllHitsAsync(Uri address, NodeIdentity[] identities, CancellationToken cancellationToken)
    {
        var totals = new long[parties.Length];
        var news = new long[parties.Length];
        var tasks = new Task[parties.Length];
        for (var p = 0; p < parties.Length; p++)
        {
            var party = p;
            tasks[party] = Task.Run(async () =>
            {
                using var channel = AquilaChannel.Create(address, identities[party]);
                var reader = new HitReader(new Protocol.V1.Matching.MatchingClient(channel));
                await foreach (var hit in reader.ReadAsync(projectId, 0, follow: false, cancellationToken))
                {
                    totals[party]++;
                    if (hit.Kind == HitEventKind.New)
                    {
                        news[party]++;
                    }
                }
            }, cancellationToken);
        }

        await Task.WhenAll(tasks);
        return (totals.Sum(), news.Sum());
    }
}

/// <summary>Figures of the Aquila side.</summary>
internal sealed class AquilaResult
{
    public double IngestSeconds { get; set; }

    public double IngestCpuSeconds { get; set; }

    public long ManagedHeapGrowthBytes { get; set; }

    public double RestartCpuSeconds { get; set; }

    public double AckLatencyP50Ms { get; set; }

    public double AckLatencyP99Ms { get; set; }

    public double AckLatencyMaxMs { get; set; }

    public double LastAckToLastHitSeconds { get; set; }

    public long HitEvents { get; set; }

    public long Hits { get; set; }

    public long RssBeforeBytes { get; set; }

    public long RssAfterBytes { get; set; }

    public long RssPeakBytes { get; set; }

    public double RestartSeconds { get; set; }

    public long RestartFirstPartyHitEvents { get; set; }
}
