using Aquila.Matching.Index;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;
using static Aquila.Matching.Tests.Stage2.Stage2Bed;

namespace Aquila.Matching.Tests.Stage2;

/// <summary>Issue 16: stage-2 state survives power cuts like tokens do, and reaches the disk only encrypted.</summary>
public sealed class Stage2DurabilityTests
{
    private static int Occurrences(byte[] haystack, ReadOnlySpan<byte> needle)
    {
        var count = 0;
        var span = haystack.AsSpan();
        for (var at = span.IndexOf(needle); at >= 0;)
        {
            count++;
            var next = span[(at + 1)..].IndexOf(needle);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return count;
    }

    [Fact]
    public async Task After_a_power_cut_the_acknowledged_batches_give_the_same_candidates_scores_and_hits_as_a_run_without_it()
    {
        var (a, b) = Population(60);
        var me = Batch(2, [Person("X", "Zyxqvorthian", "Ana", "01.02.1990", "Ivo", "Bar")]);
        var withoutMe = await CleanRunAsync(a, b, null);
        var withMe = await CleanRunAsync(a, b, me);

        using var bed = InMemory(flushLatency: TimeSpan.FromMilliseconds(2));
        var crashed = await bed.OpenAsync(ScoringDefinition());
        await SubmitAsync(crashed, "RS", 1, Batch(0, a));
        await SubmitAsync(crashed, "BA", 2, Batch(1, b));
        var inFlight = SubmitAsync(crashed, "ME", 3, me);
        bed.Faults.SimulatePowerCut();
        var survived = await Record.ExceptionAsync(() => inFlight) is null;
        await crashed.DisposeAsync();
        await using var reopened = await bed.OpenAsync(ScoringDefinition());
        await reopened.StartScoringAsync(TestContext.Current.CancellationToken);
        var meIsBack = reopened.FindReceipt("ME", BatchId(3)) is not null;

        // An acknowledged batch is back, a refused one is not; either way stage 2 gives what a clean run of the same batches
        // gives (the ME record's blocks can meet others' and so move the EM fit: it is compared with a run that holds it).
        Assert.True(!survived || meIsBack, "the in-flight batch was acknowledged but is gone after the power cut");
        Assert.True(survived || !meIsBack, "the in-flight batch was refused but is back after the power cut");
        Assert.Equal(meIsBack ? withMe : withoutMe, Everything(reopened));
    }

    private static async Task<List<string>> CleanRunAsync(List<PersonRecord> a, List<PersonRecord> b, TokenBatch? me)
    {
        using var clean = InMemory();
        await using var matcher = await clean.OpenAsync(ScoringDefinition());
        await SubmitAsync(matcher, "RS", 1, Batch(0, a));
        await SubmitAsync(matcher, "BA", 2, Batch(1, b));
        if (me is not null)
        {
            await SubmitAsync(matcher, "ME", 3, me);
        }

        await matcher.StartScoringAsync(TestContext.Current.CancellationToken);
        return Everything(matcher);
    }

    [Fact]
    public async Task The_log_and_snapshot_hold_neither_block_tokens_nor_any_piece_of_a_vector()
    {
        using var bed = OnDisk();
        var (a, b) = Population(20);
        var rs = Batch(0, a);
        await using (var matcher = await bed.OpenAsync(ScoringDefinition(), bed.SnapshotOptions()))
        {
            await SubmitAsync(matcher, "RS", 1, rs);
            await SubmitAsync(matcher, "BA", 2, Batch(1, b));
            await matcher.StartScoringAsync(TestContext.Current.CancellationToken);
            await matcher.WriteSnapshotAsync(TestContext.Current.CancellationToken);
        }

        var raw = Directory.GetFiles(bed.Directory, "*", SearchOption.AllDirectories).SelectMany(File.ReadAllBytes).ToArray();

        Assert.True(rs.BlockCount > 20);
        Assert.True(raw.Length > rs.BlockCount * RecordComparisonWriter.VectorLength);
        for (var i = 0; i < rs.BlockCount; i++)
        {
            Assert.Equal(0, Occurrences(raw, rs.GetBlockToken(i)));
            // Each field's part of the vector (a Bloom fragment, or a field's keyed tags) found whole in the files would be a
            // leak. (Shorter windows of a sparse fragment are mostly zero bytes and can occur by chance in counts and lengths.)
            var vector = rs.GetVector(i);
            var layout = MatchKeySchema.Default.Scoring!.Layout;
            for (var f = 0; f < layout.Fields.Count; f++)
            {
                var end = f + 1 < layout.Fields.Count ? layout.Offset(f + 1) : layout.PresenceOffset;
                var part = vector[layout.Offset(f)..end].ToArray();
                if (part.Length - part.Count((byte)0) >= 4)
                {
                    Assert.Equal(0, Occurrences(raw, part));
                }
            }
        }
    }
}
