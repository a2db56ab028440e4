using System.Collections.Concurrent;
using System.Globalization;
using Aquila.Bench;
using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Node.Lists;
using Aquila.Protocol.V1;
using Aquila.Server.Tests.Lists;
using Aquila.Tokens.Keys;
using Grpc.Core;

namespace Aquila.Server.Tests.Crash;

/// <summary>
/// Crash consistency of joint lists in the real server process: three contributors change one list concurrently (adds
/// that make duplicates across contributors, removes), the server is SIGKILLed at a random point and restarted on the
/// same directories. Every acknowledged change must be there, a change in flight applied whole or not at all (queried
/// person by person), and every contributor's notification stream gapless, starting with what it had read before the
/// kill, without a repeated event, and holding the duplicate of every person two contributors both hold; the audit
/// chain verifies against the head of every receipt.
/// </summary>
/// <remarks>
/// CI runs <see cref="DefaultTrials"/> trials; <c>AQUILA_CRASH_TRIALS=100</c> for the long mode and <c>AQUILA_CRASH_SEED</c> to move
/// the first seed, as for <see cref="ServerCrashTests"/>. A SIGKILL cannot show a missing fsync; the list's power-cut
/// trials (Matching.Tests, ListPowerCutTests) do.
/// </remarks>
[Collection(nameof(ServerCollection))]
public class ListCrashTests(ListCrashFixture fixture) : IClassFixture<ListCrashFixture>
{
    private const int DefaultTrials = 2;
    private const int DefaultFirstSeed = 7300;
    private const int ChangesPerParty = 10;
    private const string ListId = "crash-list";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<int> Seeds() => CrashTrials.Seeds(DefaultTrials, DefaultFirstSeed);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_server_killed_while_contributors_change_a_list_keeps_every_acknowledged_change_whole(int seed)
    {
        var cancel = TestContext.Current.CancellationToken;
        var why = "seed " + seed.ToString(CultureInfo.InvariantCulture);
        var plan = ListCrashWorkload.Create(seed, ChangesPerParty);
        var random = new Random(seed);
        var killAfter = random.Next(0, (ListCrashWorkload.Parties.Length * ChangesPerParty) - 3);
        var delay = TimeSpan.FromMicroseconds(random.Next(0, 10_000));
        using var directories = new TempDirectory();
        var options = fixture.OptionsFor(directories.Path);
        var port = LoopbackPorts.Take();

        var acknowledged = new int[plan.Length];
        var heads = new ConcurrentBag<Coordination.Audit.AuditHead>();
        var seen = new List<Protocol.V1.ListHitEvent>[plan.Length];
        var cut = new bool[plan.Length];
        using (var server = await StartAsync(options, port, directories.Path))
        {
            await OpenListAsync(server.Address, cancel);
            var receipts = 0;
            var channels = ListCrashWorkload.Parties.Select(p => AquilaChannel.Create(server.Address, fixture.Nodes[p])).ToArray();
            try
            {
                var contributors = Enumerable.Range(0, plan.Length).Select(p => Task.Run(async () =>
                {
                    var client = new ListClient(new Protocol.V1.Lists.ListsClient(channels[p]), fixture.Nodes[plan[p][0].Party]);
                    seen[p] = [];
                    foreach (var change in plan[p])
                    {
                        try
                        {
                            var receipt = await SendAsync(client, change, cancel);
                            heads.Add(new Coordination.Audit.AuditHead(receipt.AuditHead.Sequence, AuditHash.FromBytes(receipt.AuditHead.Hash.Span)));
                        }
                        catch (RpcException)
                        {
                            cut[p] = true;
                            return;
                        }

                        acknowledged[p]++;
                        Interlocked.Increment(ref receipts);
                        try
                        {
                            // What the contributor has read is history: it must be the start of its stream after the restart.
                            seen[p] = await ReadStreamAsync(client);
                        }
                        catch (RpcException)
                        {
                            return;
                        }
                    }
                }, cancel)).ToArray();

                while (Volatile.Read(ref receipts) < killAfter && !contributors.All(t => t.IsCompleted))
                {
                    await Task.Delay(1, cancel);
                }

                await Task.Delay(delay, cancel);
                server.Kill();
                await Task.WhenAll(contributors);
            }
            finally
            {
                foreach (var channel in channels)
                {
                    channel.Dispose();
                }
            }
        }

        using var restarted = await StartAsync(options, port, directories.Path);
        var after = ListCrashWorkload.Parties.Select(p => AquilaChannel.Create(restarted.Address, fixture.Nodes[p])).ToArray();
        try
        {
            var clients = Enumerable.Range(0, plan.Length)
                .Select(p => new ListClient(new Protocol.V1.Lists.ListsClient(after[p]), fixture.Nodes[ListCrashWorkload.Parties[p]])).ToArray();
            var holds = new SortedSet<int>[plan.Length];
            for (var p = 0; p < plan.Length; p++)
            {
                holds[p] = await AssertWholeChangesAsync(clients, plan, p, acknowledged[p], cut[p], why);
            }

            for (var p = 0; p < plan.Length; p++)
            {
                await AssertStreamAsync(clients[p], p, holds, seen[p], why);
            }

            var audit = AuditChainVerifier.Verify(Path.Combine(options.DataDirectory, "audit.db"), [.. heads], TestContext.Current.CancellationToken);
            Assert.True(audit.IsValid, $"{why}: {audit.Message}");
            Assert.Equal(heads.Count, audit.SavedHeadsChecked);
        }
        finally
        {
            foreach (var channel in after)
            {
                channel.Dispose();
            }
        }

        Assert.Contains("listening", restarted.Output, StringComparison.OrdinalIgnoreCase);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{why}: killed after {killAfter} receipts + {delay.TotalMilliseconds:F1} ms; acknowledged per contributor {string.Join('/', acknowledged)}; "
            + $"in flight at the kill {cut.Count(c => c)}"));
    }

    // The persons the contributor holds after the restart: those of its acknowledged changes, or of one more (in flight).
    private static async Task<SortedSet<int>> AssertWholeChangesAsync(ListClient[] clients, ListCrashWorkload.Change[][] plan, int p, int acknowledged,
        bool inFlight, string why)
    {
        var party = ListCrashWorkload.Parties[p];
        var sent = plan[p][..Math.Min(plan[p].Length, acknowledged + (inFlight ? 1 : 0))];
        var before = ListCrashWorkload.Holds(plan[p][..acknowledged]);
        var withInFlight = ListCrashWorkload.Holds(sent);
        var touched = new SortedSet<int>(sent.SelectMany(c => c.Added.Concat(c.Removed)));
        var querier = clients[(p + 1) % clients.Length];
        var holds = new SortedSet<int>();
        foreach (var person in touched)
        {
            var request = querier.Sign(ListId, MatchKeySchema.Default.Hash, ListCrashWorkload.Tokens(person),
                "CHECK-" + party + "-" + person.ToString(CultureInfo.InvariantCulture), "officer-1");
            var result = await querier.QueryAsync(request, TestContext.Current.CancellationToken);
            if (result.Hits.Any(h => h.Contributor == party))
            {
                holds.Add(person);
            }
        }

        Assert.True(holds.SetEquals(before) || holds.SetEquals(withInFlight),
            $"{why}: {party} holds {holds.Count} of the {touched.Count} persons it touched; after its {acknowledged} acknowledged changes it held "
            + $"{before.Count}, with the change in flight {withInFlight.Count}: a change was lost or half applied");
        return holds;
    }

    private static async Task AssertStreamAsync(ListClient client, int p, SortedSet<int>[] holds, List<Protocol.V1.ListHitEvent> seenBefore, string why)
    {
        var party = ListCrashWorkload.Parties[p];
        var events = await ReadStreamAsync(client);
        Assert.True(seenBefore.SequenceEqual(events.Take(seenBefore.Count)),
            $"{why}: the {seenBefore.Count} events {party} had read before the kill are not the start of its stream after the restart ({events.Count} events)");

        Assert.True(events.Select(e => e.Sequence).SequenceEqual(Enumerable.Range(1, events.Count).Select(i => (long)i)),
            $"{why}: the stream of {party} is not gapless from 1");
        var duplicates = events.Where(e => e.Kind == ListHitKind.Duplicate).Select(e => Convert.ToHexString(e.HitId.Span)).ToList();
        Assert.True(duplicates.Count == duplicates.Distinct().Count(), $"{why}: the stream of {party} reports a duplicate twice");
        for (var q = 0; q < holds.Length; q++)
        {
            if (q == p)
            {
                continue;
            }

            foreach (var person in holds[p].Intersect(holds[q]))
            {
                var handle = ListCrashWorkload.Handle(party, person);
                Assert.True(events.Exists(e => e.Kind == ListHitKind.Duplicate && e.OtherParty == ListCrashWorkload.Parties[q] && e.OwnHandle.Span.SequenceEqual(handle)),
                    $"{why}: {party} and {ListCrashWorkload.Parties[q]} both hold a person but the stream of {party} has no duplicate for it");
            }
        }
    }

    private static async Task<List<Protocol.V1.ListHitEvent>> ReadStreamAsync(ListClient client)
    {
        var events = new List<Protocol.V1.ListHitEvent>();
        await foreach (var e in client.WatchAsync(ListId, 0, follow: false, TestContext.Current.CancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    private static async Task<ChangeEntriesReceipt> SendAsync(ListClient client, ListCrashWorkload.Change change, CancellationToken cancel)
    {
        if (change.Removed.Length > 0)
        {
            return await client.ChangeAsync(ListId, Protocol.V1.ListChangeKind.Remove, MatchKeySchema.Default.Hash, [],
                [.. change.Removed.Select(r => ListCrashWorkload.Handle(change.Party, r))], cancel);
        }
        else
        {
            return await client.ChangeAsync(ListId, Protocol.V1.ListChangeKind.Add, MatchKeySchema.Default.Hash,
                [.. change.Added.Select(a => ListCrashWorkload.Entry(change.Party, a))], [], cancel);
        }
    }

    // The coordinator creates the list, every contributor runs the key ceremony, the list opens.
    private async Task OpenListAsync(Uri address, CancellationToken cancel)
    {
        using var channel = AquilaChannel.Create(address, fixture.Coordinator);
        var coordinator = new Protocol.V1.Coordination.CoordinationClient(channel);
        var parties = ListCrashWorkload.Parties;
        await coordinator.CreateProjectAsync(new CreateProjectRequest
        {
            ProjectJson = ProjectDocument.Write(ListScenario.Project(ListId, parties, parties, 100_000, ListAccess.Explicit)),
        }, cancellationToken: cancel);
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = ListId, Action = "start_ceremony" }, cancellationToken: cancel);
        var channels = parties.Select(p => AquilaChannel.Create(address, fixture.Nodes[p])).ToArray();
        try
        {
            var results = await Task.WhenAll(parties.Select((p, i) =>
                new CeremonyRunner(new Protocol.V1.Coordination.CoordinationClient(channels[i]), fixture.Nodes[p],
                    Security.Ceremony.AgreedParties.OfCertificates(parties.Select(q => fixture.Nodes[q].Certificate)))
                {
                    PollInterval = TimeSpan.FromMilliseconds(50),
                }.RunAsync(ListId, cancel)));
            foreach (var result in results)
            {
                result.Dispose();
            }
        }
        finally
        {
            foreach (var c in channels)
            {
                c.Dispose();
            }
        }

        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = ListId, Action = "open" }, cancellationToken: cancel);
    }

    private async Task<ServerChildProcess> StartAsync(Server.Options.ServerOptions options, int port, string directory) =>
        await CrashServer.StartAsync(options, port, directory, fixture.Nodes["RS"], ListCrashFixture.ProbeProject, StartTimeout,
            TestContext.Current.CancellationToken);
}
