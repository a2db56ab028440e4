using System.Diagnostics;
using System.Globalization;
using Aquila.Bench;
using Aquila.Coordination.Audit;
using Aquila.Node;
using Aquila.Protocol.V1;
using AuditHead = Aquila.Coordination.Audit.AuditHead;

namespace Aquila.Server.Tests.Crash;

/// <summary>
/// Crash consistency of the real server process: three nodes submit batches concurrently, the server is SIGKILLed at a
/// random moment mid-ingest and restarted on the same directories and port. Nothing acknowledged may be lost, nothing
/// may be counted twice, and the final hits must be those of a run without a crash.
/// </summary>
/// <remarks>
/// CI runs <see cref="DefaultTrials"/> kill points. Set <c>AQUILA_CRASH_TRIALS=100</c> (or more) for the long run;
/// <c>AQUILA_CRASH_SEED=N</c> changes the first trial's seed (trial i uses N + i), so a failing trial is repeated with
/// <c>AQUILA_CRASH_SEED=&lt;its seed&gt; AQUILA_CRASH_TRIALS=1</c>. The kill point is drawn as a number of receipts plus
/// up to 10 ms, not as a wall-clock delay: the whole ingest takes only a few hundred milliseconds here, so a delay of
/// 200–1500 ms mostly landed after it. A SIGKILL leaves unsynced bytes in the OS cache, so these trials cannot catch a
/// missing fsync; the WAL's fault-injecting file system tests cover that.
/// </remarks>
[Collection(nameof(ServerCollection))]
public class ServerCrashTests(CrashFixture fixture) : IClassFixture<CrashFixture>
{
    private const int DefaultTrials = 3;
    private const int DefaultStartupTrials = 2;
    private const int DefaultFirstSeed = 7100;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<int> Seeds() => TrialSeeds(DefaultTrials);

    public static TheoryData<int> StartupSeeds() => TrialSeeds(DefaultStartupTrials);

    private static TheoryData<int> TrialSeeds(int defaultTrials) => CrashTrials.Seeds(defaultTrials, DefaultFirstSeed);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_server_killed_mid_ingest_keeps_every_acknowledged_batch_and_repeats_no_hit_after_restart(int seed)
    {
        var cancel = TestContext.Current.CancellationToken;
        var why = "seed " + seed.ToString(CultureInfo.InvariantCulture);
        var killPoint = KillPoint.Draw(new Random(seed), fixture.Batches.Sum(b => b.Length));
        using var directories = new TempDirectory();
        var options = fixture.OptionsFor(directories.Path);
        var port = LoopbackPorts.Take();
        var clock = Stopwatch.StartNew();

        CrashIngestOutcome ingest;
        string outputBeforeCrash;
        using (var server = await StartAsync(options, port, directories.Path))
        {
            var clients = CrashClients.Connect(server.Address, fixture.Nodes);
            try
            {
                ingest = await CrashIngest.RunAsync(server, clients, fixture.Batches, CrashFixture.Project, killPoint, cancel);
            }
            finally
            {
                CrashClients.Dispose(clients);
            }

            outputBeforeCrash = server.Output;
        }

        using var restarted = await StartAsync(options, port, directories.Path);
        var after = CrashClients.Connect(restarted.Address, fixture.Nodes);
        int durableUnacknowledged;
        try
        {
            var savedHeads = await AssertAcknowledgedBatchesKeptAsync(after, ingest, why);
            var (resendHeads, unacknowledgedButKept) = await AssertEveryBatchResendsAsync(after, ingest, why);
            savedHeads.AddRange(resendHeads);
            durableUnacknowledged = unacknowledgedButKept;
            await AssertHitStreamsAsync(after, ingest, why);
            var heads = savedHeads.Distinct().ToList();
            var audit = AuditChainVerifier.Verify(Path.Combine(options.DataDirectory, "audit.db"), heads, cancel);
            Assert.True(audit.IsValid, $"{why}: {audit.Message}");
            Assert.Equal(heads.Count, audit.SavedHeadsChecked);
        }
        finally
        {
            CrashClients.Dispose(after);
        }

        AssertNothingPersonalPrinted(outputBeforeCrash, why);
        AssertNothingPersonalPrinted(restarted.Output, why);
        Report(why, killPoint, ingest, durableUnacknowledged, clock.Elapsed);
    }

    [Theory]
    [MemberData(nameof(StartupSeeds))]
    public async Task A_server_killed_while_it_starts_for_the_first_time_starts_again_and_accepts_batches(int seed)
    {
        var cancel = TestContext.Current.CancellationToken;
        var why = "seed " + seed.ToString(CultureInfo.InvariantCulture);
        // Creating the key files, the audit database and the project's log all happen in the first second or two.
        var killAfter = TimeSpan.FromMilliseconds(new Random(seed).Next(50, 2500));
        using var directories = new TempDirectory();
        var options = fixture.OptionsFor(directories.Path);
        var port = LoopbackPorts.Take();
        bool wasListening;
        using (var starting = CrashServer.Launch(options, port, directories.Path))
        {
            await Task.Delay(killAfter, cancel);
            starting.Kill();
            wasListening = starting.Output.Contains("listening", StringComparison.OrdinalIgnoreCase);
        }

        using var restarted = await StartAsync(options, port, directories.Path);
        var clients = CrashClients.Connect(restarted.Address, fixture.Nodes);
        try
        {
            var heads = new List<AuditHead>();
            for (var p = 0; p < clients.Length; p++)
            {
                var submitter = new BatchSubmitter(clients[p].Client) { MaxAttempts = 1 };
                foreach (var batch in fixture.Batches[p].Take(2))
                {
                    var receipt = await submitter.SubmitAsync(batch, null, cancel);
                    Assert.False(receipt.AlreadyAccepted, $"{why}: a batch was accepted before it was ever sent");
                    heads.Add(Head(receipt));
                }
            }

            foreach (var client in clients)
            {
                var problems = HitStream.Problems(await HitStream.ReadAllAsync(client.Client, CrashFixture.Project, cancel));
                Assert.True(problems is [], $"{why}: hit stream of {client.Party}: {string.Join("; ", problems.Take(5))}");
            }

            var audit = AuditChainVerifier.Verify(Path.Combine(options.DataDirectory, "audit.db"), heads, cancel);
            Assert.True(audit.IsValid, $"{why}: {audit.Message}");
        }
        finally
        {
            CrashClients.Dispose(clients);
        }

        AssertNothingPersonalPrinted(restarted.Output, why);
        var when = wasListening ? "after" : "before";
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{why}: killed {killAfter.TotalMilliseconds:F0} ms after launch, {when} it printed that it listens"));
    }

    // Every acknowledged batch is accepted after the restart with the very receipt the node holds.
    private async Task<List<AuditHead>> AssertAcknowledgedBatchesKeptAsync(PartyClient[] clients, CrashIngestOutcome ingest, string why)
    {
        var heads = new List<AuditHead>();
        for (var p = 0; p < clients.Length; p++)
        {
            foreach (var batch in fixture.Batches[p])
            {
                if (!ingest.Acknowledged.TryGetValue(batch, out var receipt))
                {
                    continue;
                }

                var status = await clients[p].Client.GetBatchStatusAsync(
                    new GetBatchStatusRequest { ProjectId = CrashFixture.Project, BatchId = receipt.BatchId },
                    cancellationToken: TestContext.Current.CancellationToken);
                Assert.True(status.Accepted, $"{why}: acknowledged batch {Hex(receipt.BatchId)} of {clients[p].Party} was lost");
                AssertSameReceipt(receipt, status.Receipt, why);
                heads.Add(Head(receipt));
            }
        }

        return heads;
    }

    // Every batch can be sent again: an acknowledged one is answered from its receipt, any other is accepted now
    // (or was made durable just before the kill and is answered from its receipt as well).
    // Returns the heads of the resends' receipts and how many unacknowledged batches the server had kept.
    private async Task<(List<AuditHead> Heads, int UnacknowledgedButKept)> AssertEveryBatchResendsAsync(PartyClient[] clients,
        CrashIngestOutcome ingest, string why)
    {
        var heads = new List<AuditHead>();
        var kept = 0;
        for (var p = 0; p < clients.Length; p++)
        {
            var submitter = new BatchSubmitter(clients[p].Client) { MaxAttempts = 1 };
            foreach (var batch in fixture.Batches[p])
            {
                var receipt = await submitter.SubmitAsync(batch, null, TestContext.Current.CancellationToken);
                if (ingest.Acknowledged.TryGetValue(batch, out var first))
                {
                    Assert.True(receipt.AlreadyAccepted, $"{why}: acknowledged batch {Hex(first.BatchId)} was accepted a second time");
                    AssertSameReceipt(first, receipt, why);
                }
                else if (receipt.AlreadyAccepted)
                {
                    kept++; // durable when the server died, but its receipt never reached the node
                }

                heads.Add(Head(receipt));
            }
        }

        return (heads, kept);
    }

    private async Task AssertHitStreamsAsync(PartyClient[] clients, CrashIngestOutcome ingest, string why)
    {
        for (var p = 0; p < clients.Length; p++)
        {
            var party = clients[p].Party;
            var events = await HitStream.ReadAllAsync(clients[p].Client, CrashFixture.Project, TestContext.Current.CancellationToken);

            var problems = HitStream.Problems(events);
            Assert.True(problems is [], $"{why}: hit stream of {party}: {string.Join("; ", problems.Take(5))}");

            // What a node already read is history: after the restart its cursor must point at the same events.
            var seen = ingest.SeenBeforeKill[p];
            Assert.True(seen.Count <= events.Count,
                $"{why}: {party} had read {seen.Count} hit events before the crash, the restarted server has {events.Count}");
            Assert.True(seen.SequenceEqual(events.Take(seen.Count)),
                $"{why}: hit events {party} had read before the crash are different after the restart");

            var expected = fixture.ReferenceHits[party];
            var actual = HitStream.FinalHits(events);
            var missing = expected.Except(actual).ToList();
            var extra = actual.Except(expected).ToList();
            Assert.True(missing.Count == 0 && extra.Count == 0,
                $"{why}: final hits of {party} differ from the run without a crash: {missing.Count} missing "
                + $"(first: {missing.FirstOrDefault()}), {extra.Count} extra (first: {extra.FirstOrDefault()})");
        }
    }

    private static void AssertSameReceipt(BatchReceipt expected, BatchReceipt actual, string why)
    {
        var batch = Hex(expected.BatchId);
        Assert.True(
            expected.BatchId == actual.BatchId && expected.Party == actual.Party && expected.ContentSha256 == actual.ContentSha256,
            $"{why}: batch {batch} has another identity after the restart");
        Assert.True(expected.Records == actual.Records && expected.Tokens == actual.Tokens,
            $"{why}: batch {batch} had {expected.Records} records and {expected.Tokens} tokens, now {actual.Records} and {actual.Tokens}");
        Assert.True(expected.AcceptedAtUnixMs == actual.AcceptedAtUnixMs,
            $"{why}: batch {batch} accepted at {expected.AcceptedAtUnixMs}, now {actual.AcceptedAtUnixMs}");
        Assert.True(expected.AuditHead.Equals(actual.AuditHead),
            $"{why}: batch {batch} audit head {expected.AuditHead.Sequence}, now {actual.AuditHead.Sequence}");
    }

    private static void AssertNothingPersonalPrinted(string output, string why)
    {
        Assert.Contains("listening", output, StringComparison.OrdinalIgnoreCase);
        Assert.False(output.Contains(CrashWorkload.Canary, StringComparison.OrdinalIgnoreCase),
            $"{why}: the server printed a family name from the records");
    }

    private async Task<ServerChildProcess> StartAsync(Server.Options.ServerOptions options, int port, string directory) =>
        await CrashServer.StartAsync(options, port, directory, fixture.Nodes[CrashWorkload.Parties[0]], CrashFixture.Project,
            StartTimeout, TestContext.Current.CancellationToken);

    // The figures of a trial, for whoever reads the test output: where the kill landed and what it cost.
    private void Report(string why, KillPoint killPoint, CrashIngestOutcome ingest, int durableUnacknowledged, TimeSpan trial)
    {
        var batches = fixture.Batches.Sum(b => b.Length);
        var finished = ingest.FinishedBeforeKill ? " (the ingest had finished)" : "";
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{why}: killed {ingest.KilledAfter.TotalMilliseconds:F0} ms into the ingest "
            + $"(after {killPoint.AfterAcknowledged} receipts + {killPoint.Delay.TotalMilliseconds:F1} ms), "
            + $"{ingest.Acknowledged.Count} of {batches} batches acknowledged{finished}, "
            + $"{durableUnacknowledged} more kept without a receipt; "
            + $"hits per party {string.Join('/', fixture.ReferenceHits.Values.Select(h => h.Count))}; trial {trial.TotalSeconds:F1} s"));
    }

    private static AuditHead Head(BatchReceipt receipt) =>
        new(receipt.AuditHead.Sequence, AuditHash.FromBytes(receipt.AuditHead.Hash.Span));

    private static string Hex(Google.Protobuf.ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
