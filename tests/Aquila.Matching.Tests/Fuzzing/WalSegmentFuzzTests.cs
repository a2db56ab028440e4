using Aquila.Matching.Storage;
using Aquila.Matching.Tests.Storage;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Matching.Tests.Fuzzing;

/// <summary>
/// Real segment files of a write-ahead log (three segments written to disk by the log itself) mangled byte by byte,
/// one segment per case, and the log opened on them (in the in-memory file system, so cases are fast): opening the log must either recover a prefix of the records — whole records only, in order,
/// every closed segment intact, the last one cut only where no later record vouches for the damage (<see cref="VouchedDamage"/>)
/// — or throw <see cref="WalCorruptionException"/> naming the damaged file. Never another
/// exception, never a hang; a recovered log must take new records and find them again after another restart.
/// 200 cases here; AQUILA_FUZZ_CASES for the long mode.
/// </summary>
public sealed class WalSegmentFuzzTests
{
    private const int SegmentSize = 4096;
    private const int Records = 150;
    [Fact]
    public async Task A_mangled_segment_is_recovered_to_a_prefix_or_refused_with_a_wal_corruption_error_naming_it()
    {
        var template = await CreateTemplateAsync();
        var input =
            from segment in Gen.Choose(0, template.Segments.Count - 1)
            from mutations in Fuzz.Mutations()
            select (Segment: segment, Mutations: mutations);

        Fuzz.Check("WAL segments", input, Fuzz.Cases(200), c => OneCaseAsync(template, c.Segment, c.Mutations).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task A_closed_segment_cut_exactly_at_a_record_boundary_is_a_wal_corruption_error_naming_it()
    {
        // Regression (found by the fuzzing above): the cut segment read as complete and the records after the cut were
        // silently missing, because the next segment starting later was not noticed.
        var template = await CreateTemplateAsync();
        var (name, bytes) = template.Segments[0];
        var cut = WalSegmentHeader.Length;
        for (var i = 0; i < 5; i++)
        {
            cut += WalRecordCodec.RecordLength(WalRecordCodec.HeaderLengthV2, template.Records[i].Payload.Length);
        }

        var test = WalTestLog.InMemory();
        foreach (var (segmentName, segmentBytes) in template.Segments)
        {
            using var file = test.FileSystem.CreateFile(Path.Combine(test.Directory, segmentName));
            file.Write(0, segmentName == name ? bytes.AsSpan(0, cut) : segmentBytes);
        }

        var error = await Assert.ThrowsAsync<WalCorruptionException>(() => test.OpenAsync(test.Options(SegmentSize)));

        Assert.Equal(name, error.FileName);
        Assert.Contains("records are missing", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> OneCaseAsync(Template template, int segment, ByteMutation[] mutations)
    {
        // The segments written to disk by the log, copied into the in-memory file system (every case starts afresh, fast).
        var test = WalTestLog.InMemory();
        var (mutatedName, original) = template.Segments[segment];
        var mangled = Fuzz.Apply(original, mutations);
        foreach (var (name, bytes) in template.Segments)
        {
            using var file = test.FileSystem.CreateFile(Path.Combine(test.Directory, name));
            file.Write(0, name == mutatedName ? mangled : bytes);
            file.FlushToDisk();
        }

        test.FileSystem.FlushDirectory(test.Directory);
        var isLast = segment == template.Segments.Count - 1;
        var mustRefuse = isLast && VouchedDamage.MustRefuse(original, mangled);
        var options = test.Options(SegmentSize);

        List<WalRecord> recovered;
        try
        {
            await using var log = await test.OpenAsync(options);
            recovered = await WalTestLog.ReadAllAsync(log);
            CheckPrefix(template.Records, recovered);
            if (!isLast)
            {
                // Only the last segment can have a torn tail; a closed segment is whole or the log refuses to open.
                Assert.Equal(template.Records.Count, recovered.Count);
            }

            Assert.False(mustRefuse, $"recovered {recovered.Count} records although later records show the damaged ones were acknowledged");

            await log.AppendAsync(2, "after recovery"u8.ToArray(), CancellationToken.None);
        }
        catch (WalCorruptionException e)
        {
            Assert.Equal(mutatedName, e.FileName);
            Assert.Contains(mutatedName, e.Message, StringComparison.Ordinal);
            return !isLast ? "closed segment refused" : mustRefuse ? "last segment refused: acknowledged records damaged" : "last segment refused";
        }
        catch (WalDataKeyMismatchException e)
        {
            // Only a header whose checksum still holds can get here: a changed key check with a matching CRC.
            Assert.Contains(mutatedName, e.Message, StringComparison.Ordinal);
            return "refused as another key";
        }

        await using (var again = await test.OpenAsync(options))
        {
            var after = await WalTestLog.ReadAllAsync(again);
            Assert.Equal(recovered.Count + 1, after.Count);
            CheckPrefix(template.Records, after[..^1]);
            Assert.Equal("after recovery"u8.ToArray(), after[^1].Payload.ToArray());
        }

        return recovered.Count == template.Records.Count ? "recovered whole" : "recovered a prefix";
    }

    private static void CheckPrefix(IReadOnlyList<WalRecord> original, IReadOnlyList<WalRecord> recovered)
    {
        Assert.True(recovered.Count <= original.Count, "more records than were written");
        for (var i = 0; i < recovered.Count; i++)
        {
            Assert.Equal(original[i].Lsn, recovered[i].Lsn);
            Assert.Equal(original[i].Type, recovered[i].Type);
            Assert.True(original[i].Payload.Span.SequenceEqual(recovered[i].Payload.Span), $"record {recovered[i].Lsn} differs from what was written");
        }
    }

    private static async Task<Template> CreateTemplateAsync()
    {
        using var dir = new TempDirectory();
        var options = new WriteAheadLogOptions { Directory = dir.Path, SegmentSize = SegmentSize, DataKey = WalTestLog.DataKey };
        List<WalRecord> records;
        await using (var log = await WriteAheadLog.OpenAsync(options, NullLogger<WriteAheadLog>.Instance, TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < Records; i++)
            {
                await log.AppendAsync(1, WalTestLog.Payload(i), TestContext.Current.CancellationToken);
            }

            records = await WalTestLog.ReadAllAsync(log);
        }

        var segments = new List<(string Name, byte[] Bytes)>();
        foreach (var path in Directory.GetFiles(dir.Path, "segment-*.wal").Order(StringComparer.Ordinal))
        {
            segments.Add((Path.GetFileName(path), File.ReadAllBytes(path)));
        }

        Assert.True(segments.Count >= 3, $"the template has {segments.Count} segments");
        return new Template(segments, [.. records.Select(r => r with { Payload = r.Payload.ToArray() })]);
    }

    private sealed record Template(List<(string Name, byte[] Bytes)> Segments, List<WalRecord> Records);
}
