using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Aquila.Tokens.Derivation;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Tests;

/// <summary>
/// Coordinated one-time projects across a Coordinator and a Matcher instance on one Redis Cluster, over real mTLS: the
/// lifecycle gates the Matcher exactly as it gates a single server, and the Matcher's audit events land in the
/// coordinator's chain.
/// </summary>
[Collection(nameof(ServerCollection))]
public sealed class CoordinatedScaleOutTests(CoordinatedRedisFixture fixture) : IClassFixture<CoordinatedRedisFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private static readonly string[] Parties = ["RS", "BA", "ME"];

    [Fact]
    public async Task Batches_sent_to_both_instances_give_the_same_hits_on_either_released_only_once_the_coordinator_moves_to_matching()
    {
        fixture.Require();
        await using var run = await CoordinatedRun.OpenAsync(fixture, "so-" + Guid.NewGuid().ToString("N")[..8], ended: false);
        await run.SubmitAsync(fixture.Coordinator, "RS", "RS-C1,Стојановић,Милош,Драган,М,04.05.1982.,Ниш,RS,,,suspect");
        await run.SubmitAsync(fixture.Matcher, "BA", "BA-C1,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,SRB,,,suspect");
        await run.SubmitAsync(fixture.Matcher, "ME", "ME-C1,Kovač,Petra,,Ž,1990-10-10,,ME,,,suspect");

        var early = await Assert.ThrowsAsync<RpcException>(() => run.HitsAsync(fixture.Matcher, "RS"));
        var matching = await run.AdvanceAsync("start_matching");
        var fromMatcher = await run.HitsAsync(fixture.Matcher, "RS");
        var fromCoordinator = await run.HitsAsync(fixture.Coordinator, "RS");

        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("released when it moves to Matching", early.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("matching", matching.State);
        Assert.Equal(Parties.Order(), matching.Submitted.Order());
        // What the embedded server gives on these records (CoordinatedProjectTests): one strong hit with BA.
        var hit = Assert.Single(fromMatcher);
        Assert.Equal("BA", hit.OtherParty);
        Assert.Equal(Band.Strong, hit.Band);
        Assert.Equal(fromCoordinator, fromMatcher);
        Assert.Equal(await run.HitsAsync(fixture.Coordinator, "BA"), await run.HitsAsync(fixture.Matcher, "BA"));
    }

    [Fact]
    public async Task A_project_with_stage_two_scoring_runs_stage_one_only_on_the_redis_store_and_the_matcher_says_so()
    {
        fixture.Require();
        var id = "s2r-" + Guid.NewGuid().ToString("N")[..8];
        await using var run = await CoordinatedRun.OpenAsync(fixture, id, ended: false);
        using var logs = new CapturedLogs();
        await using var matcher = await fixture.StartInstanceAsync("s2-" + id[4..], ServerRole.Matcher, logs);
        // Issue 16, step 5: the built-in person schema scores, and the nodes' batches carry block entries; Redis keeps none.
        await run.SubmitAsync(matcher, "RS", "RS-Q1,Стојановић,Милош,Драган,М,04.05.1982.,Ниш,RS,,,suspect");
        await run.SubmitAsync(matcher, "BA", "BA-Q1,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,SRB,,,suspect");
        await run.SubmitAsync(matcher, "ME", "ME-Q1,Kovač,Petra,,Ž,1990-10-10,,ME,,,suspect");
        await run.AdvanceAsync("start_matching");

        var hit = Assert.Single(await run.HitsAsync(matcher, "RS"));

        Assert.Equal(Band.Strong, hit.Band);
        Assert.False(hit.HasScore);
        Assert.Empty(hit.Agreement);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"Project {id}", StringComparison.Ordinal)
            && e.Message.Contains("carries stage 1 only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_matcher_refuses_a_submission_once_the_coordinator_closed_the_project_and_forgets_the_project_once_purged()
    {
        fixture.Require();
        var id = "sc-" + Guid.NewGuid().ToString("N")[..8];
        await using var run = await CoordinatedRun.OpenAsync(fixture, id, ended: true);
        await run.SubmitAsync(fixture.Matcher, "RS", "RS-P1,Purgić,Vesna,Ivan,Ž,02.02.1977.,Šabac,RS,,,suspect");
        await run.SubmitAsync(fixture.Matcher, "BA", "BA-P1,Purgić,Vesna,Ivan,Ž,1977-02-02,Šabac,SRB,,,suspect");
        await run.AdvanceAsync("start_matching");
        Assert.Single(await run.HitsAsync(fixture.Matcher, "RS"));
        await run.AdvanceAsync("close");

        var late = await Assert.ThrowsAsync<RpcException>(() => run.SubmitAsync(fixture.Matcher, "ME", "ME-P1,Kasni,Luka,,M,1988-08-08,,ME,,,suspect"));
        await run.Coordinator.PurgeAsync(new ProjectRef { ProjectId = id }, cancellationToken: Cancel);
        var afterPurge = await EventuallyRefusedAsync(() => run.HitsAsync(fixture.Matcher, "RS"));

        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
        Assert.Contains("closed", late.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, afterPurge.StatusCode);
        Assert.False(await fixture.Redis.GetDatabase().KeyExistsAsync($"{CoordinatedRedisFixture.KeyPrefix}:{{{id}}}:lifecycle"));
    }

    [Fact]
    public async Task A_matcher_counts_batches_accepted_by_the_coordinator_against_the_partys_declared_records()
    {
        fixture.Require();
        await using var run = await CoordinatedRun.OpenAsync(fixture, "sd-" + Guid.NewGuid().ToString("N")[..8], ended: false);
        await run.SubmitAsync(fixture.Coordinator, "ME", Rows("ME", 0, 60));

        var over = await Assert.ThrowsAsync<RpcException>(() => run.SubmitAsync(fixture.Matcher, "ME", Rows("ME", 60, 41)));
        var within = await run.SubmitAsync(fixture.Matcher, "ME", Rows("ME", 60, 40));

        Assert.Equal(StatusCode.FailedPrecondition, over.StatusCode);
        Assert.Contains("declared 100 records", over.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(40, within.Records);
    }

    [Fact]
    public async Task Audit_events_of_the_matcher_are_entries_of_the_coordinators_chain_which_verifies()
    {
        fixture.Require();
        using var rsChannel = fixture.Channel(fixture.Matcher, "RS");
        using var alChannel = fixture.Channel(fixture.Matcher, "AL");
        var batch = fixture.Tokenize("RS", "RS-A1,Audić,Nada,,Ž,1970-07-07,,RS,,,suspect");

        var receipt = await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(rsChannel)).SubmitAsync(batch, null, Cancel);
        var denied = await Assert.ThrowsAsync<RpcException>(() => new Protocol.V1.Matching.MatchingClient(alChannel)
            .GetProjectAsync(new GetProjectRequest { ProjectId = ServerFixture.Project }, cancellationToken: Cancel).ResponseAsync);
        var chain = fixture.Coordinator.Audit;
        var accepted = await chain.FindAsync(AuditKind.BatchAccepted, Convert.ToHexStringLower(receipt.BatchId.Span), Cancel);
        var deniedEntry = await EventuallyAsync(() => LastAsync(chain, AuditKind.AuthDenied, "AL/node"));
        var verification = await chain.VerifyAsync([new Coordination.Audit.AuditHead(receipt.AuditHead.Sequence, AuditHash.FromBytes(receipt.AuditHead.Hash.Span))], Cancel);

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.NotNull(accepted);
        Assert.Equal("RS/node", accepted.Actor.Text);
        Assert.True(accepted.Details.ContainsKey("relay_id"));
        Assert.Equal(accepted.Sequence, receipt.AuditHead.Sequence);
        Assert.True(deniedEntry.Details.ContainsKey("relay_id"));
        Assert.True(verification.IsValid, verification.Message);
        Assert.Null(await fixture.Matcher.Audit.FindAsync(AuditKind.BatchAccepted, Convert.ToHexStringLower(receipt.BatchId.Span), Cancel));
    }

    [Fact]
    public async Task A_matcher_answers_a_coordination_call_with_failed_precondition_naming_its_role()
    {
        fixture.Require();
        var (identity, channel) = fixture.CoordinatorChannel(fixture.Matcher, "m" + Guid.NewGuid().ToString("N")[..6]);
        using (identity)
        using (channel)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => new Protocol.V1.Coordination.CoordinationClient(channel)
                .ListProjectsAsync(new ListProjectsRequest(), cancellationToken: Cancel).ResponseAsync);

            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
            Assert.Contains("Matcher role", refused.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_matcher_instance_whose_configuration_declares_a_coordinated_projects_id_never_releases_its_hits_while_open()
    {
        fixture.Require();
        var id = "sh-" + Guid.NewGuid().ToString("N")[..8];
        await using var run = await CoordinatedRun.OpenAsync(fixture, id, ended: false);
        // Issue 17 item 1 played on a second Matcher instance: its configuration declares the coordinated project's id
        // as a dry run (which releases hits as batches arrive). Its own data directory knows no coordinated project, so
        // the start check cannot see the clash; the lifecycle on the cluster can.
        using var logs = new CapturedLogs();
        await using var shadow = await fixture.StartInstanceAsync("shadow-" + id[3..], ServerRole.Matcher, logs,
            new ProjectOptions { Id = id, Parties = [.. Parties] });

        var rsSubmit = await Assert.ThrowsAsync<RpcException>(() =>
            run.SubmitAsync(shadow, "RS", "RS-S1,Сенић,Марко,Јован,М,06.06.1986.,Ваљево,RS,,,suspect"));
        var baSubmit = await Assert.ThrowsAsync<RpcException>(() =>
            run.SubmitAsync(shadow, "BA", "BA-S1,Senić,Marko,Jovan,M,1986-06-06,Valjevo,SRB,,,suspect"));
        var hits = await Assert.ThrowsAsync<RpcException>(() => run.HitsAsync(shadow, "RS"));
        var view = await run.Coordinator.ShowProjectAsync(new ProjectRef { ProjectId = id }, cancellationToken: Cancel);

        // Refused as a coordinated project whose matcher this instance does not run: nothing accepted, no hit released,
        // and the operator told why in the log.
        Assert.Equal(StatusCode.FailedPrecondition, rsSubmit.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, baSubmit.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, hits.StatusCode);
        Assert.Equal("open", view.State);
        Assert.Empty(view.Submitted);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains($"Project {id} is declared", StringComparison.Ordinal));
    }

    // Distinct people (the project declares 100 records per party).
    private static string[] Rows(string party, int first, int count) =>
        [.. Enumerable.Range(first, count).Select(i => $"{party}-D{i},Brojić{i},Ana,,Ž,{1950 + (i % 50)}-0{1 + (i % 9)}-1{i % 10},,{party},,,suspect")];

    private static async Task<AuditEntry?> LastAsync(AuditChain chain, string kind, string actor)
    {
        AuditEntry? last = null;
        foreach (var entry in await chain.ReadAsync(1, 100_000, Cancel))
        {
            if (entry.Kind == kind && entry.Actor.Text == actor)
            {
                last = entry;
            }
        }

        return last;
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> read)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "the relayed audit event did not reach the coordinator's chain within 10 s");
            await Task.Delay(50, Cancel);
        }
    }

    // The Matcher may serve hits from its cached lifecycle for up to LifecycleCacheDuration (1 s) after a purge.
    internal static async Task<RpcException> EventuallyRefusedAsync(Func<Task> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(3);
        while (true)
        {
            try
            {
                await call();
            }
            catch (RpcException e)
            {
                return e;
            }

            Assert.True(DateTime.UtcNow < deadline, "the Matcher still answered for a purged project 3 s after the purge");
            await Task.Delay(100, Cancel);
        }
    }

    /// <summary>A coordinated project created on the coordinator, through its ceremony and Open; nodes connected to both instances.</summary>
    /// <remarks>Also used by <see cref="CoordinatedLogScaleOutTests"/> on the log layout.</remarks>
    internal sealed class CoordinatedRun : IAsyncDisposable
    {
        private readonly CoordinatedRedisFixture _fixture;
        private readonly List<IDisposable> _owned = [];
        private readonly Dictionary<(AquilaServer, string), Grpc.Net.Client.GrpcChannel> _channels = [];

        private CoordinatedRun(CoordinatedRedisFixture fixture, string id)
        {
            _fixture = fixture;
            Id = id;
        }

        public string Id { get; }

        public Protocol.V1.Coordination.CoordinationClient Coordinator { get; private set; } = null!;

        public ProjectKey Key { get; private set; } = null!;

        public static async Task<CoordinatedRun> OpenAsync(CoordinatedRedisFixture fixture, string id, bool ended)
        {
            var run = new CoordinatedRun(fixture, id);
            var (identity, channel) = fixture.CoordinatorChannel(fixture.Coordinator, "c" + id[^8..]);
            run._owned.Add(identity);
            run._owned.Add(channel);
            run.Coordinator = new Protocol.V1.Coordination.CoordinationClient(channel);
            await run.Coordinator.CreateProjectAsync(
                new CreateProjectRequest { ProjectJson = ProjectDocument.Write(CoordinatedProjectTests.Project(id, ended)) }, cancellationToken: Cancel);
            await run.AdvanceAsync("start_ceremony");
            var nodes = Parties.Select(p => NodeIdentity.Load(fixture.Identities[p])).ToArray();
            run._owned.AddRange(nodes);
            var results = await Task.WhenAll(Parties.Select((p, i) =>
                new CeremonyRunner(new Protocol.V1.Coordination.CoordinationClient(run.ChannelTo(fixture.Coordinator, p)), nodes[i],
                    Security.Ceremony.AgreedParties.OfCertificates(nodes.Select(n => n.Certificate)))
                {
                    PollInterval = TimeSpan.FromMilliseconds(50),
                }.RunAsync(id, Cancel)));
            run.Key = ProjectKey.FromBytes(results[0].Key);
            foreach (var result in results)
            {
                result.Dispose();
            }

            await run.AdvanceAsync("open");
            return run;
        }

        public async Task<ProjectView> AdvanceAsync(string action) =>
            await Coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = Id, Action = action }, cancellationToken: Cancel);

        public Task<Protocol.V1.BatchReceipt> SubmitAsync(AquilaServer server, string party, params string[] rows) =>
            new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(ChannelTo(server, party))) { MaxAttempts = 1 }
                .SubmitAsync(TestRecords.Tokenize(_fixture.WorkDirectory, party, Id, Key, rows), null, Cancel);

        public Task<List<HitEvent>> HitsAsync(AquilaServer server, string party) =>
            SubmitAndHitsTests.ReadAsync(new Protocol.V1.Matching.MatchingClient(ChannelTo(server, party)), 0, Id);

        public ValueTask DisposeAsync()
        {
            foreach (var owned in _owned)
            {
                owned.Dispose();
            }

            Key?.Dispose();
            return ValueTask.CompletedTask;
        }

        private Grpc.Net.Client.GrpcChannel ChannelTo(AquilaServer server, string party)
        {
            if (!_channels.TryGetValue((server, party), out var channel))
            {
                channel = _fixture.Channel(server, party);
                _channels[(server, party)] = channel;
                _owned.Add(channel);
            }

            return channel;
        }
    }
}
