using Aquila.Tokens.Batches;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Batches;

public class BatchBuilderTests
{
    private static byte[] Entry(byte keyIndex, byte fill)
    {
        var entry = new byte[BatchFormat.TokenEntryLength];
        entry.AsSpan(1).Fill(fill);
        entry[0] = keyIndex;
        return entry;
    }

    [Fact]
    public void Every_record_gets_a_fresh_handle_that_the_local_map_resolves()
    {
        using var dir = new TempDirectory();
        var builder = new BatchBuilder();
        for (var i = 0; i < 50; i++)
        {
            builder.Add($"R{i}", i + 2, SubjectCategory.Suspect, Entry(0, (byte)i));
        }

        builder.Write(dir.File("b.aqb"), dir.File("b.handles.csv"), "p", "RS", MatchKeySchema.Default);

        var map = File.ReadAllLines(dir.File("b.handles.csv")).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(c => c[0], c => c[1]);
        using var reader = BatchFileReader.Open(dir.File("b.aqb"));
        var record = new BatchRecord();
        var seen = 0;
        while (reader.TryReadRecord(record))
        {
            var recordId = map[Convert.ToHexStringLower(record.Handle)];
            Assert.Equal($"R{int.Parse(recordId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)}", recordId);
            Assert.Equal((byte)int.Parse(recordId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture), record.TokenAt(0)[0]);
            seen++;
        }

        Assert.Equal(50, seen);
        Assert.Equal(50, map.Count);
    }

    [Fact]
    public void The_batch_order_does_not_follow_the_input_order()
    {
        using var dir = new TempDirectory();
        var builder = new BatchBuilder();
        for (var i = 0; i < 200; i++)
        {
            builder.Add($"R{i}", i + 2, SubjectCategory.Other, Entry(0, (byte)i));
        }

        builder.Write(dir.File("b.aqb"), dir.File("b.handles.csv"), "p", "RS", MatchKeySchema.Default);

        using var reader = BatchFileReader.Open(dir.File("b.aqb"));
        var record = new BatchRecord();
        var inOrder = 0;
        var position = 0;
        while (reader.TryReadRecord(record))
        {
            inOrder += record.TokenAt(0)[0] == (byte)position++ ? 1 : 0;
        }

        // A random permutation of 200 keeps about one record in place; the input order would keep all 200.
        Assert.True(inOrder < 20, $"{inOrder} of 200 records kept their input position");
    }

    [Fact]
    public void Two_batches_of_the_same_records_share_no_handle()
    {
        using var dir = new TempDirectory();
        var first = new BatchBuilder();
        var second = new BatchBuilder();
        for (var i = 0; i < 20; i++)
        {
            first.Add($"R{i}", i, SubjectCategory.Other, Entry(0, 1));
            second.Add($"R{i}", i, SubjectCategory.Other, Entry(0, 1));
        }

        first.Write(dir.File("a.aqb"), dir.File("a.handles.csv"), "p", "RS", MatchKeySchema.Default);
        second.Write(dir.File("b.aqb"), dir.File("b.handles.csv"), "p", "RS", MatchKeySchema.Default);

        var a = File.ReadAllLines(dir.File("a.handles.csv")).Skip(1).Select(l => l.Split(',')[0]);
        var b = File.ReadAllLines(dir.File("b.handles.csv")).Skip(1).Select(l => l.Split(',')[0]);
        Assert.Empty(a.Intersect(b));
    }

    [Fact]
    public void The_handle_map_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempDirectory();
        var builder = new BatchBuilder();
        builder.Add("R1", 2, SubjectCategory.Other, Entry(0, 1));

        builder.Write(dir.File("b.aqb"), dir.File("b.handles.csv"), "p", "RS", MatchKeySchema.Default);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("b.handles.csv")));
    }
}
