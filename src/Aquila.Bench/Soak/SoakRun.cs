using System.Diagnostics;
using System.Globalization;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Security.Pki;
using Aquila.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Aquila.Bench.Soak;

/// <summary>
/// A soak run: the real server in this process over mutual TLS, a mixed load for a fixed duration — every party
/// submitting paced batches into a coordinated project, a new project every <see cref="SoakOptions.ProjectLifetime"/>
/// (key ceremony, Open, Matching with every party following its hits, then Closed and Purged), status queries all
/// along — and a sample of memory, throughput, latency and errors every <see cref="SoakOptions.SampleInterval"/>.
/// </summary>
public static class SoakRun
{
    /// <summary>Runs the soak; <paramref name="say"/> gets progress lines for people, <paramref name="sampled"/> each sample as it is taken.</summary>
    public static async Task<SoakReport> RunAsync(SoakOptions options, Action<string> say, Action<SoakSample>? sampled,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(say);
        options.Validate();
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "aquila-soak-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            return await RunInAsync(options, work, say, sampled ?? (_ => { }), cancellationToken);
        }
        finally
        {
            if (options.WorkDirectory is null && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<SoakReport> RunInAsync(SoakOptions options, string work, Action<string> say, Action<SoakSample> sampled,
        CancellationToken cancellationToken)
    {
        var parties = PartyCodes.Take(options.Parties);
        using var pki = LocalPki.Create(Path.Combine(work, "pki"));
        var serverOptions = LocalServerOptions.For(pki, work);
        var nodes = new Dictionary<string, NodeIdentity>(StringComparer.Ordinal);
        foreach (var party in parties)
        {
            nodes[party] = NodeIdentity.Load(pki.IssueIdentity(party, PartyRole.Node));
        }

        var counters = new SoakCounters();
        using var context = new SoakContext(options, work, parties, counters);
        await using var server = await AquilaServer.StartAsync(serverOptions, Quiet, cancellationToken);
        context.Connect(server.Address, nodes, NodeIdentity.Load(pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator)));
        var inv = CultureInfo.InvariantCulture;
        say(string.Create(inv,
            $"Soak for {options.Duration}: server on {server.Address}, {parties.Length} parties × {options.RecordsPerSecondPerParty:N0} records/s in batches of {options.RecordsPerBatch:N0}, a new project every {options.ProjectLifetime}, a sample every {options.SampleInterval}."));

        var samples = new List<SoakSample>();
        var clock = Stopwatch.StartNew();
        var generation = 0;
        var current = await SoakProject.OpenAsync(context, generation, cancellationToken);
        current.StartSubmitting(cancellationToken);
        var list = options.ListEntriesPerSecond > 0 ? await SoakList.OpenAsync(context, cancellationToken) : null;
        list?.Start();
        SoakProject? matching = null;
        using var stopBackground = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var status = Task.Run(() => QueryStatusAsync(context, () => current, stopBackground.Token), CancellationToken.None);
        var sampler = Task.Run(() => SampleAsync(context, clock, samples, sampled, cancellationToken), CancellationToken.None);
        try
        {
            var nextRotation = options.ProjectLifetime;
            while (true)
            {
                var until = nextRotation < options.Duration ? nextRotation : options.Duration;
                var wait = until - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                if (clock.Elapsed >= options.Duration)
                {
                    break;
                }

                try
                {
                    var next = await SoakProject.OpenAsync(context, generation + 1, cancellationToken);
                    generation++;
                    next.StartSubmitting(cancellationToken);
                    await current.StopSubmittingAsync();
                    await current.StartMatchingAsync(cancellationToken);
                    if (matching is not null)
                    {
                        await matching.CloseAndPurgeAsync(cancellationToken);
                        counters.Purged();
                    }

                    matching = current;
                    current = next;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
                {
                    counters.Error(e);
                    say($"Project rotation failed ({e.GetType().Name}); the current project keeps taking batches.");
                }

                nextRotation += options.ProjectLifetime;
            }

            await current.StopSubmittingAsync();
            await sampler;
        }
        finally
        {
            await stopBackground.CancelAsync();
            await Task.WhenAll(status, sampler.ContinueWith(_ => { }, TaskScheduler.Default));
            await current.StopSubmittingAsync();
            if (list is not null)
            {
                await list.StopAsync();
            }

            if (matching is not null)
            {
                await matching.StopFollowingAsync();
            }
        }

        // The last, partial interval still counts (and holds the errors of the last batches).
        if (samples.Count == 0 || clock.Elapsed.TotalSeconds - samples[^1].ElapsedSeconds > 0.5)
        {
            var last = await TakeSampleAsync(context, clock, samples.Count == 0 ? 0 : samples[^1].ElapsedSeconds, CancellationToken.None);
            samples.Add(last);
            sampled(last);
        }

        return new SoakReport(samples,
        [
            string.Create(inv,
                $"{parties.Length} parties, {options.RecordsPerSecondPerParty:N0} records/s each in batches of {options.RecordsPerBatch:N0}; {generation + 1} projects, {counters.PurgedTotal} purged; RSS is the whole process (embedded server + load driver)."),
            list is null
                ? "No list load (--soak-list-entries 0)."
                : string.Create(inv,
                    $"Joint list '{SoakList.Id}' for the whole run: {Math.Min(3, parties.Length)} contributors adding {options.ListEntriesPerSecond:N0} entries/s each (the oldest removed every 30 s), {options.ListQueriesPerSecond:N0} signed queries/s in all (one in five for a listed person)."),
        ]);
    }

    private static void Quiet(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Warning).AddFilter(_ => false);

    private static async Task SampleAsync(SoakContext context, Stopwatch clock, List<SoakSample> samples, Action<SoakSample> sampled,
        CancellationToken stop)
    {
        var interval = context.Options.SampleInterval;
        var previous = 0.0;
        var due = interval;
        try
        {
            while (due <= context.Options.Duration)
            {
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stop);
                }

                var sample = await TakeSampleAsync(context, clock, previous, stop);
                previous = sample.ElapsedSeconds;
                lock (samples)
                {
                    samples.Add(sample);
                }

                sampled(sample);
                due += interval;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended.
        }
    }

    private static async Task<SoakSample> TakeSampleAsync(SoakContext context, Stopwatch clock, double previousSeconds, CancellationToken stop)
    {
        var openProjects = -1;
        try
        {
            var list = await context.CoordinatorClient().ListProjectsAsync(new ListProjectsRequest(), cancellationToken: stop);
            openProjects = list.Projects.Count(p => p.State != "purged" && p.ProjectId != SoakList.Id);
            context.Counters.StatusQuery();
        }
        catch (Exception e) when (!stop.IsCancellationRequested && e is not OperationCanceledException)
        {
            context.Counters.Error(e);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var figures = context.Counters.Take();
        var seconds = Math.Max(elapsed - previousSeconds, 0.001);
        return new SoakSample
        {
            ElapsedSeconds = elapsed,
            RssBytes = ResidentMemory.Current(),
            GcHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
            BatchesAcked = figures.Batches,
            BatchesAckedTotal = figures.BatchesTotal,
            TokensPerSecond = figures.Tokens / seconds,
            AckP50Ms = Percentiles.Of(figures.Latencies, 50),
            AckP99Ms = Percentiles.Of(figures.Latencies, 99),
            HitEvents = figures.HitEvents,
            StatusQueries = figures.StatusQueries,
            ListQueries = figures.QueryLatencies.Count,
            ListQueryHits = figures.QueryHits,
            QueryP50Ms = Percentiles.Of(figures.QueryLatencies, 50),
            QueryP99Ms = Percentiles.Of(figures.QueryLatencies, 99),
            ListChanges = figures.ListChanges,
            Errors = figures.Errors,
            OpenProjects = openProjects,
            PurgedProjects = context.Counters.PurgedTotal,
        };
    }

    // What nodes and the coordinator ask while the load runs: a batch's status, the project, the indicators.
    private static async Task QueryStatusAsync(SoakContext context, Func<SoakProject> current, CancellationToken stop)
    {
        var turn = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), stop);
                var project = current();
                var party = context.Parties[turn++ % context.Parties.Length];
                try
                {
                    var matching = context.MatchingFor(party);
                    await matching.GetProjectAsync(new GetProjectRequest { ProjectId = project.Id }, cancellationToken: stop);
                    context.Counters.StatusQuery();
                    if (project.LastBatchOf(party) is { } batchId)
                    {
                        var answer = await matching.GetBatchStatusAsync(
                            new GetBatchStatusRequest { ProjectId = project.Id, BatchId = Google.Protobuf.ByteString.CopyFrom(batchId) },
                            cancellationToken: stop);
                        if (!answer.Accepted)
                        {
                            throw new InvalidOperationException("An acknowledged batch is not known to the server.");
                        }

                        context.Counters.StatusQuery();
                    }

                    if (turn % context.Parties.Length == 0)
                    {
                        await context.CoordinatorClient().GetIndicatorsAsync(new ProjectRef { ProjectId = project.Id }, cancellationToken: stop);
                        context.Counters.StatusQuery();
                    }
                }
                catch (Exception e) when (!stop.IsCancellationRequested && e is not OperationCanceledException)
                {
                    context.Counters.Error(e);
                }
                catch (Grpc.Core.RpcException) when (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended.
        }
    }
}
