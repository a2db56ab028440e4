using System.Security.Cryptography;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Keys;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Batches;

public class BatchFileTests
{
    private sealed record SampleRecord(byte[] Handle, SubjectCategory Category, byte[] Entries);

    private static byte[] RandomEntries(int count, int keyCount)
    {
        var entries = RandomNumberGenerator.GetBytes(count * BatchFormat.TokenEntryLength);
        for (var i = 0; i < count; i++)
        {
            entries[i * BatchFormat.TokenEntryLength] = (byte)(entries[i * BatchFormat.TokenEntryLength] % keyCount);
        }

        return entries;
    }

    private static List<SampleRecord> Sample(int records, int seed)
    {
        var random = new Random(seed);
        var keyCount = MatchKeySchema.Default.Keys.Count;
        var list = new List<SampleRecord>();
        for (var i = 0; i < records; i++)
        {
            list.Add(new SampleRecord(RandomNumberGenerator.GetBytes(16), (SubjectCategory)random.Next(4),
                RandomEntries(random.Next(0, 23), keyCount)));
        }

        return list;
    }

    private static BatchHeader Write(string path, IEnumerable<SampleRecord> records)
    {
        using var writer = new BatchFileWriter(path, "proj-1", "RS", MatchKeySchema.Default, new byte[16]);
        foreach (var record in records)
        {
            writer.WriteRecord(record.Handle, record.Category, record.Entries);
        }

        return writer.Complete();
    }

    [FsCheck.Xunit.Property(MaxTest = 30)]
    public Property A_batch_file_reads_back_exactly_what_was_written() =>
        Prop.ForAll(Gen.Choose(0, 60).ToArbitrary(), ArbMap.Default.ArbFor<int>(), (count, seed) =>
        {
            using var dir = new TempDirectory();
            var path = dir.File("b.aqb");
            var records = Sample(count, seed);
            var written = Write(path, records);

            using var reader = BatchFileReader.Open(path);
            var record = new BatchRecord();
            var i = 0;
            while (reader.TryReadRecord(record))
            {
                var expected = records[i++];
                if (!record.Handle.SequenceEqual(expected.Handle) || record.Category != expected.Category
                    || !record.TokenEntries.SequenceEqual(expected.Entries))
                {
                    return false;
                }
            }

            return i == count && reader.Header.RecordCount == count && reader.Header.TokenCount == written.TokenCount
                && reader.Header.Party == "RS" && reader.Header.ProjectId == "proj-1"
                && reader.Header.SchemaHash.Span.SequenceEqual(MatchKeySchema.Default.Hash.Span)
                && reader.Header.Keys.Count == MatchKeySchema.Default.Keys.Count;
        });

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Any_flipped_byte_is_detected() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), Gen.Choose(1, 255).ToArbitrary(), (position, mask) =>
        {
            using var dir = new TempDirectory();
            var path = dir.File("b.aqb");
            Write(path, Sample(5, 42));
            var bytes = File.ReadAllBytes(path);
            bytes[(int)((uint)position % (uint)bytes.Length)] ^= (byte)mask;
            File.WriteAllBytes(path, bytes);

            return Throws(path);
        });

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public Property Any_truncation_is_detected() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), cut =>
        {
            using var dir = new TempDirectory();
            var path = dir.File("b.aqb");
            Write(path, Sample(5, 7));
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes.AsSpan(0, (int)((uint)cut % (uint)bytes.Length)).ToArray());

            return Throws(path);
        });

    [Fact]
    public void A_file_that_is_not_a_batch_is_named_as_such()
    {
        using var dir = new TempDirectory();
        var path = dir.File("records.csv");
        File.WriteAllText(path, "record_id,family_name\n1,Petrović\n" + new string('x', 100));

        var error = Assert.Throws<BatchFormatException>(() => BatchFileReader.Open(path));

        Assert.Contains("not an Aquila batch file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_abandoned_writer_leaves_no_file_behind()
    {
        using var dir = new TempDirectory();
        var path = dir.File("b.aqb");

        using (var writer = new BatchFileWriter(path, "p", "RS", MatchKeySchema.Default, new byte[16]))
        {
            writer.WriteRecord(new byte[16], SubjectCategory.Other, RandomEntries(1, 1));
        }

        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_token_for_a_key_the_schema_lacks_is_refused()
    {
        using var dir = new TempDirectory();
        using var writer = new BatchFileWriter(dir.File("b.aqb"), "p", "RS", MatchKeySchema.Default, new byte[16]);
        var entries = new byte[BatchFormat.TokenEntryLength];
        entries[0] = (byte)MatchKeySchema.Default.Keys.Count;

        Assert.Throws<ArgumentException>(() => writer.WriteRecord(new byte[16], SubjectCategory.Other, entries));
    }

    private static bool Throws(string path)
    {
        try
        {
            using var reader = BatchFileReader.Open(path);
            var record = new BatchRecord();
            while (reader.TryReadRecord(record))
            {
            }

            return false;
        }
        catch (BatchFormatException)
        {
            return true;
        }
    }
}
