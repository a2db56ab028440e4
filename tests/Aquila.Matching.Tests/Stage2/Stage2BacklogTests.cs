using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Matching.Tests.Projects;
using Aquila.Tokens.Input;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;
using static Aquila.Matching.Tests.Stage2.Stage2Bed;

namespace Aquila.Matching.Tests.Stage2;

/// <summary>
/// Issue 16: a batch is acknowledged before its stage-2 work is done; the worker does it later, in log order. Whatever
/// the worker's lag, the candidates, scores and hits are those of a run that did stage 2 before every acknowledgement.
/// </summary>
public sealed class Stage2BacklogTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static ProjectMatcherOptions OptionsOf(ProjectTestBed bed, bool defer = true, bool snapshotOnDispose = true, long maxBacklog = 1_000_000) => new()
    {
        Directory = bed.Directory,
        DataKey = DataKey,
        ServerKey = ServerKey,
        FileSystem = bed.FileSystem,
        TimeProvider = FixedClock.Instance,
        SnapshotEveryBytes = 0,
        SnapshotOnDispose = snapshotOnDispose,
        DeferStage2 = defer,
        MaxStage2BacklogRecords = maxBacklog,
    };

    // Postings, candidates and whether scoring started (bytes are array capacities: a snapshot loads them exact).
    private static string StateOf(ProjectMatcher matcher) =>
        matcher.Stage2Figures is var (postings, candidates, _, started) ? $"{postings} postings, {candidates} candidates, started {started}" : "none";

    // Three batches of each of two parties, in the order every test submits them.
    private static List<(string Party, int Id, TokenBatch Batch)> Batches(List<PersonRecord> a, List<PersonRecord> b)
    {
        var batches = new List<(string, int, TokenBatch)>();
        var third = a.Count / 3;
        for (var i = 0; i < 3; i++)
        {
            var end = i == 2 ? a.Count : (i + 1) * third;
            batches.Add(("RS", 10 + i, Batch(0, a[(i * third)..end], firstHandle: i * third)));
            var bThird = b.Count / 3;
            var bEnd = i == 2 ? b.Count : (i + 1) * bThird;
            batches.Add(("BA", 20 + i, Batch(1, b[(i * bThird)..bEnd], firstHandle: i * bThird)));
        }

        return batches;
    }

    private static async Task SubmitAllAsync(ProjectMatcher matcher, List<(string Party, int Id, TokenBatch Batch)> batches)
    {
        foreach (var (party, id, batch) in batches)
        {
            Assert.Equal(SubmitStatus.Accepted, (await SubmitAsync(matcher, party, id, batch)).Status);
        }
    }

    // What a run that does stage 2 before each acknowledgement gives: stage-2 figures before the fit, then every event.
    private static async Task<(string Figures, List<string> Hits)> InlineRunAsync(List<(string, int, TokenBatch)> batches)
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition(), OptionsOf(bed, defer: false));
        await SubmitAllAsync(matcher, batches);
        var figures = StateOf(matcher);
        await matcher.StartScoringAsync(Ct);
        return (figures, Everything(matcher));
    }

    [Fact]
    public async Task Batches_are_acknowledged_while_the_worker_is_behind_and_entering_Matching_waits_for_it()
    {
        var (a, b) = Population(45);
        var batches = Batches(a, b);
        var inline = await InlineRunAsync(batches);

        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition(), OptionsOf(bed));
        var pause = await matcher.PauseStage2WorkerAsync();
        await SubmitAllAsync(matcher, batches);
        var behind = matcher.Stage2Backlog;
        var starting = matcher.StartScoringAsync(Ct);
        await Task.Delay(50, Ct);
        var startedWhilePaused = starting.IsCompleted;
        pause.Dispose();
        await starting;

        Assert.Equal(6, behind.Batches);
        Assert.Equal(a.Count + b.Count, behind.Records);
        Assert.False(startedWhilePaused, "the fit did not wait for the stage-2 backlog");
        Assert.Equal((0, 0L, TimeSpan.Zero), matcher.Stage2Backlog);
        Assert.Equal(inline.Hits, Everything(matcher));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_restart_while_the_worker_is_behind_ends_in_the_same_state(bool closeSnapshot)
    {
        var (a, b) = Population(45, seed: 8);
        var batches = Batches(a, b);
        var inline = await InlineRunAsync(batches);

        using var bed = InMemory();
        var matcher = await bed.OpenAsync(ScoringDefinition(), OptionsOf(bed, snapshotOnDispose: closeSnapshot));
        using (var pause = await matcher.PauseStage2WorkerAsync())
        {
            await SubmitAllAsync(matcher, batches);
            Assert.Equal(6, matcher.Stage2Backlog.Batches);
            if (closeSnapshot)
            {
                // The close snapshot waits for the worker's gate, then does the work left itself.
                var closing = matcher.DisposeAsync().AsTask();
                pause.Dispose();
                await closing;
            }
            else
            {
                await matcher.DisposeAsync(); // the worker stops with its backlog undone: the log still has it
            }
        }

        await using var reopened = await bed.OpenAsync(ScoringDefinition(), OptionsOf(bed));
        Assert.Equal(closeSnapshot, reopened.SnapshotLsn > 0);
        Assert.Equal(inline.Figures, StateOf(reopened));
        await reopened.StartScoringAsync(Ct);
        Assert.Equal(inline.Hits, Everything(reopened));
    }

    [Fact]
    public async Task A_snapshot_taken_while_the_worker_is_behind_holds_every_acknowledged_batch()
    {
        var (a, b) = Population(45, seed: 9);
        var batches = Batches(a, b);
        var inline = await InlineRunAsync(batches);

        using var bed = InMemory();
        await using (var matcher = await bed.OpenAsync(ScoringDefinition(), OptionsOf(bed, snapshotOnDispose: false)))
        {
            using var pause = await matcher.PauseStage2WorkerAsync();
            await SubmitAllAsync(matcher, batches);
            var snapshot = matcher.WriteSnapshotAsync(Ct);
            pause.Dispose();
            await snapshot;
        }

        await using var reopened = await bed.OpenAsync(ScoringDefinition(), OptionsOf(bed));
        Assert.True(reopened.SnapshotLsn > 0);
        Assert.Equal(inline.Figures, StateOf(reopened));
        await reopened.StartScoringAsync(Ct);
        Assert.Equal(inline.Hits, Everything(reopened));
    }

    [Fact]
    public async Task A_data_set_replaced_while_the_worker_is_behind_never_gets_its_withdrawn_postings_back()
    {
        var (a, b) = Population(45, seed: 10);
        var first = Batch(0, a[..20]);
        var replacement = Batch(0, a);
        var bBatch = Batch(1, b);

        async Task<ProjectMatcher> RunAsync(ProjectTestBed bed, bool defer)
        {
            var matcher = await bed.OpenAsync(ScoringDefinition(), OptionsOf(bed, defer));
            IDisposable? pause = defer ? await matcher.PauseStage2WorkerAsync() : null;
            await SubmitAsync(matcher, "RS", 1, first);
            await SubmitAsync(matcher, "BA", 2, bBatch);
            // On another thread: the replacement does the backlog first, and waits for the paused worker's gate.
            var replacing = Task.Run(() => ReplaceAsync(matcher, "RS", 3, replacement), Ct);
            pause?.Dispose();
            Assert.Equal(SubmitStatus.Accepted, (await replacing).Status);
            return matcher;
        }

        using var inlineBed = InMemory();
        await using var inlineRun = await RunAsync(inlineBed, defer: false);
        var inlineFigures = StateOf(inlineRun);
        await inlineRun.StartScoringAsync(Ct);

        using var bed = InMemory();
        await using (var live = await RunAsync(bed, defer: true))
        {
            Assert.Equal(inlineFigures, StateOf(live));
            await live.StartScoringAsync(Ct);
            Assert.Equal(Everything(inlineRun), Everything(live));
        }

        await using var replayed = await bed.OpenAsync(ScoringDefinition(), OptionsOf(bed));
        Assert.Equal(Everything(inlineRun), Everything(replayed));
    }

    [Fact]
    public async Task Past_the_backlog_cap_the_acknowledgement_waits_until_the_backlog_fits_again()
    {
        var (a, b) = Population(45, seed: 11);
        var batches = Batches(a, b);
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition(), OptionsOf(bed, maxBacklog: 10));
        foreach (var (party, id, batch) in batches)
        {
            await SubmitAsync(matcher, party, id, batch);
            Assert.InRange(matcher.Stage2Backlog.Records, 0, 10);
        }

        var inline = await InlineRunAsync(batches);
        Assert.Equal(inline.Figures, StateOf(matcher));
    }
}
