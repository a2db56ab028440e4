using System.Diagnostics;
using Aquila.Node;
using Aquila.Node.Lists;
using Aquila.Tokens.Keys;
using Grpc.Net.Client;

namespace Aquila.Bench;

/// <summary>
/// The bulk part of <c>aquila bench query --bulk N</c>: N persons of two synthetic tokens each (the same share of listed
/// persons as the single queries) sent by the querier as bulk checks of at most <see cref="BulkCheckClient.MaxPersons"/>
/// persons, one after the other, each person answered and audited on the server. Persons per second from signing the
/// first call to the last answer.
/// </summary>
internal static class BulkCheckBench
{
    // Up to 50 chunks (half the measured persons, at least 5,000): past the runtime's 30 calls before a method is compiled
    // again with optimisations (tiered compilation), so code run once per chunk is no longer at tier 0 when the measured
    // run starts (with 5,000 before 100,000, JIT was ≈ 16 % of the server's CPU samples in the measured bulk phase).
    private const int MinWarmupPersons = 5_000, MaxWarmupPersons = 50_000;

    public static async Task MeasureAsync(QueryBenchOptions options, string listId, GrpcChannel channel, NodeIdentity querier,
        ServerChildProcess? child, ServerCounters? counters, LoadReport report, Action<string> say, CancellationToken cancellationToken)
    {
        var client = new BulkCheckClient(new Protocol.V1.Lists.ListsClient(channel), querier);
        if (options.WarmupQueries > 0)
        {
            var warmup = Math.Clamp(options.BulkPersons / 2, MinWarmupPersons, MaxWarmupPersons);
            say($"Warming up with a bulk check of {warmup:N0} persons...");
            await CheckAsync(client, listId, Persons(options, warmup, seed: 17), "WARMUP-BULK", cancellationToken);
        }

        var persons = Persons(options, options.BulkPersons, seed: 13);
        say($"Bulk checking {persons.Length:N0} persons...");
        var countersBefore = counters is null ? null : await counters.ReadAsync(cancellationToken);
        var cpu = CpuClock.ProcessSeconds();
        var serverCpu = child?.CpuSeconds() ?? 0;
        var clock = Stopwatch.StartNew();
        var (hits, refused) = (0, 0);
        var preparing = TimeSpan.Zero;
        for (var first = 0; first < persons.Length; first += BulkCheckClient.MaxPersons)
        {
            var call = persons.AsSpan(first, Math.Min(BulkCheckClient.MaxPersons, persons.Length - first)).ToArray();
            var (h, r, p) = await CheckAsync(client, listId, call, "BENCH-BULK-" + first, cancellationToken);
            hits += h;
            refused += r;
            preparing += p;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        cpu = CpuClock.ProcessSeconds() - cpu;
        serverCpu = child is null ? 0 : child.CpuSeconds() - serverCpu;
        var countersAfter = counters is null ? null : await counters.ReadAsync(cancellationToken);
        report.Add("bulk_persons_per_s", "Bulk check: persons answered per second (signed chunks, each person audited)", persons.Length / seconds, "persons/s");
        report.Add("bulk_s", "Bulk check: time for all persons", seconds, "s");
        report.Add("bulk_hits", "Bulk check: persons answered with a hit", hits, "");
        report.Add("bulk_cpu_us_per_person", "Bulk check: CPU per person (server and querier together)", (cpu + serverCpu) * 1e6 / persons.Length, "µs");
        report.Add("bulk_querier_prepare_us_per_person", "Bulk check: querier's time to digest and sign the chunks, per person (one thread)",
            preparing.TotalMilliseconds * 1e3 / persons.Length, "µs");
        if (child is not null)
        {
            report.Add("bulk_querier_cpu_us_per_person", "Bulk check: querier CPU per person (signing, sending, reading answers)",
                cpu * 1e6 / persons.Length, "µs");
            report.Add("bulk_server_cpu_us_per_person", "Bulk check: server CPU per person (its own process)", serverCpu * 1e6 / persons.Length, "µs");
        }

        if (countersBefore is not null && countersAfter is not null)
        {
            CounterFigures.Add(report, countersBefore, countersAfter, persons.Length, "bulk_", "person", "persons", runtime: child is not null);
        }

        if (refused > 0)
        {
            report.Note($"Bulk check: {refused:N0} persons were refused (quota).");
        }

        report.Note($"Bulk check: {persons.Length:N0} persons of 2 tokens in calls of at most {BulkCheckClient.MaxPersons:N0}, chunks of "
            + $"{client.ChunkPersons:N0}, signed by the querier (header and every chunk) within the measured time.");
    }

    private static async Task<(int Hits, int Refused, TimeSpan Preparing)> CheckAsync(BulkCheckClient client, string listId, byte[][] persons,
        string caseReference, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (header, chunks) = client.Prepare(listId, MatchKeySchema.Default.Hash, persons, caseReference, "bench-officer");
        var preparing = Stopwatch.GetElapsedTime(started);
        var (hits, refused) = (0, 0);
        var failure = await client.SendAsync(header, chunks, result =>
        {
            foreach (var answer in result.Answers)
            {
                hits += answer.Outcome == Protocol.V1.CheckOutcome.Hit ? 1 : 0;
                refused += answer.Outcome == Protocol.V1.CheckOutcome.Refused ? 1 : 0;
            }
        }, cancellationToken);
        return failure is null ? (hits, refused, preparing) : throw new LoadSetupException("The bulk check was refused: " + failure.Status.Detail);
    }

    private static byte[][] Persons(QueryBenchOptions options, int count, int seed)
    {
        var random = new Random(seed);
        var persons = new byte[count][];
        for (var p = 0; p < persons.Length; p++)
        {
            var entry = random.NextDouble() < options.HitFraction ? random.Next(options.Entries) : options.Entries + random.Next(int.MaxValue - options.Entries);
            persons[p] = SyntheticList.Query(entry);
        }

        return persons;
    }
}
