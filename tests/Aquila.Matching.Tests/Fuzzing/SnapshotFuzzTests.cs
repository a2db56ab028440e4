using Aquila.Matching.Storage;
using Aquila.Matching.Tests.Projects;
using Aquila.Matching.Tests.Storage;
using FsCheck.Fluent;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Fuzzing;

/// <summary>
/// Snapshot files mangled byte by byte: the matcher's streamed index snapshot (format 2, written by a real project
/// matcher after 30 submissions; 10 more follow in the log) and the log's single-buffer snapshot (format 1). The
/// segments a snapshot covers are gone, so there is no log to fall back to: opening must either give exactly the state
/// that was written (every stream, receipt and count, and the serialised index byte for byte) or refuse with
/// <see cref="WalCorruptionException"/> (or <see cref="WalDataKeyMismatchException"/>) naming the snapshot file. Never
/// another exception, never a hang, never a different state. 60 (format 2) and 150 (format 1) cases here; AQUILA_FUZZ_CASES for the long mode.
/// </summary>
public sealed class SnapshotFuzzTests
{
    private const int Submissions = 40;
    private const int SnapshotAfter = 30;

    [Fact]
    public async Task A_mangled_index_snapshot_is_refused_naming_it_or_restores_exactly_the_written_state()
    {
        var template = await ProjectTemplateAsync();

        Fuzz.Check("index snapshots (format 2)", Fuzz.Mutations(), Fuzz.Cases(60), mutations =>
            OneProjectCaseAsync(template, mutations).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task A_mangled_log_snapshot_is_refused_naming_it_or_restores_exactly_the_written_payload()
    {
        var template = await LogTemplateAsync();

        Fuzz.Check("log snapshots (format 1)", Fuzz.Mutations(), Fuzz.Cases(150), mutations =>
            OneLogCaseAsync(template, mutations).GetAwaiter().GetResult());
    }

    private static async Task<string> OneProjectCaseAsync(Template template, ByteMutation[] mutations)
    {
        using var bed = InMemory();
        var changed = Restore(template, bed.FileSystem, bed.Directory, mutations);
        try
        {
            await using var matcher = await bed.OpenAsync(Definition(maxFanout: 2), bed.SnapshotOptions());
            Assert.Equal(template.Observed, SnapshotScenario.Observe(matcher, Submissions));
            Assert.Equal(template.State, SnapshotScenario.State(matcher));
            return changed ? "changed, same state" : "unchanged";
        }
        catch (Exception e) when (e is WalCorruptionException or WalDataKeyMismatchException)
        {
            return Refused(template, changed, e);
        }
    }

    // A refusal must name the snapshot; damage (not another key) may only be found in a changed one.
    private static string Refused(Template template, bool changed, Exception refusal)
    {
        Assert.Contains(template.SnapshotName, refusal.Message, StringComparison.Ordinal);
        if (refusal is not WalCorruptionException corruption)
        {
            return "refused as another key";
        }

        Assert.True(changed, "the unchanged snapshot was refused: " + refusal.Message);
        Assert.Equal(template.SnapshotName, corruption.FileName);
        return "refused";
    }

    private static async Task<string> OneLogCaseAsync(Template template, ByteMutation[] mutations)
    {
        var test = WalTestLog.InMemory();
        var changed = Restore(template, test.FileSystem, test.Directory, mutations);
        try
        {
            await using var log = await test.OpenAsync(4096);
            Assert.NotNull(log.RecoveredSnapshot);
            Assert.Equal(template.State, log.RecoveredSnapshot.Payload.ToArray());
            Assert.Equal(template.Observed, (await WalTestLog.ReadAllAsync(log, log.RecoveredSnapshot.Lsn + 1)).Select(r => r.Lsn + " " + r.Type).ToList());
            return changed ? "changed, same payload" : "unchanged";
        }
        catch (Exception e) when (e is WalCorruptionException or WalDataKeyMismatchException)
        {
            return Refused(template, changed, e);
        }
    }

    // Copies the template's files into a fresh in-memory directory, the snapshot mangled; true when it changed.
    private static bool Restore(Template template, IFileSystem fileSystem, string directory, ByteMutation[] mutations)
    {
        var changed = false;
        foreach (var (name, bytes) in template.Files)
        {
            var content = bytes;
            if (name == template.SnapshotName)
            {
                content = Fuzz.Apply(bytes, mutations);
                changed = !content.AsSpan().SequenceEqual(bytes);
            }

            using var file = fileSystem.CreateFile(Path.Combine(directory, name));
            file.Write(0, content);
            file.FlushToDisk();
        }

        fileSystem.FlushDirectory(directory);
        return changed;
    }

    private static async Task<Template> ProjectTemplateAsync()
    {
        var random = new Random(20261126);
        var steps = Enumerable.Range(0, Submissions).Select(_ => ((byte)random.Next(256), (byte)random.Next(256))).ToArray();
        using var bed = InMemory();
        await using (var matcher = await bed.OpenAsync(Definition(maxFanout: 2), bed.SnapshotOptions()))
        {
            await SnapshotScenario.SubmitAllAsync(matcher, steps[..SnapshotAfter], 0);
            await matcher.WriteSnapshotAsync(TestContext.Current.CancellationToken);
            await SnapshotScenario.SubmitAllAsync(matcher, steps[SnapshotAfter..], SnapshotAfter);
        }

        var files = Files(bed.Faults, bed.Directory);
        await using var reopened = await bed.OpenAsync(Definition(maxFanout: 2), bed.SnapshotOptions());
        Assert.True(reopened.SnapshotLsn > 0);
        Assert.DoesNotContain(files, f => f.Name == WalSegment.NameFor(1));
        return new Template(files, SnapshotName(files), SnapshotScenario.Observe(reopened, Submissions), SnapshotScenario.State(reopened));
    }

    private static async Task<Template> LogTemplateAsync()
    {
        var test = WalTestLog.InMemory();
        var payload = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
        await using (var log = await test.OpenAsync(4096))
        {
            for (var i = 0; i < 120; i++)
            {
                await log.AppendAsync(1, WalTestLog.Payload(i), TestContext.Current.CancellationToken);
            }

            await log.WriteSnapshotAsync(100, payload, TestContext.Current.CancellationToken);
        }

        var files = Files(test.Faults, test.Directory);
        List<string> after;
        await using (var reopened = await test.OpenAsync(4096))
        {
            after = (await WalTestLog.ReadAllAsync(reopened, 101)).Select(r => r.Lsn + " " + r.Type).ToList();
        }

        Assert.Equal(20, after.Count);
        return new Template(files, SnapshotName(files), after, payload);
    }

    private static List<(string Name, byte[] Bytes)> Files(FaultInjectingFileSystem fileSystem, string directory) =>
        [.. fileSystem.ListFiles(directory).Order(StringComparer.Ordinal).Select(n => (n, fileSystem.ReadAllBytes(Path.Combine(directory, n))))];

    private static string SnapshotName(List<(string Name, byte[] Bytes)> files) => Assert.Single(files, f => f.Name.EndsWith(".snap", StringComparison.Ordinal)).Name;

    private sealed record Template(List<(string Name, byte[] Bytes)> Files, string SnapshotName, List<string> Observed, byte[] State);
}
