using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Keys;
using Aquila.Tokens.Pipeline;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Batches;

/// <summary>Batch format version 2 (issue 16): block tokens and comparison vectors after each record's tokens.</summary>
public class BatchStage2Tests
{
    private static readonly MatchKeySchema Person = MatchKeySchema.Default;

    // The vehicle schema without its scoring section: a schema that matches by stage-1 keys alone.
    private static readonly MatchKeySchema Unscored = WithoutScoring("src/Aquila.Tokens/Schema/vehicles-v1.json");

    private static MatchKeySchema WithoutScoring(string repositoryPath)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf(repositoryPath)))!.AsObject();
        Assert.True(json.Remove("scoring"));
        return MatchKeySchema.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "unscored-vehicles.json");
    }

    private static int EntryLength => 1 + BatchFormat.BlockTokenLength + RecordComparisonWriter.VectorLength;

    private sealed record SampleRecord(byte[] Handle, SubjectCategory Category, byte[] Tokens, byte[] Blocks);

    private static List<SampleRecord> Sample(int records, int seed)
    {
        var random = new Random(seed);
        var keys = Person.Keys.Count;
        var blocks = Person.Scoring!.Blocks.Count;
        var list = new List<SampleRecord>();
        for (var i = 0; i < records; i++)
        {
            var tokens = RandomNumberGenerator.GetBytes(random.Next(0, 12) * BatchFormat.TokenEntryLength);
            for (var t = 0; t < tokens.Length; t += BatchFormat.TokenEntryLength)
            {
                tokens[t] = (byte)(tokens[t] % keys);
            }

            var entries = RandomNumberGenerator.GetBytes(random.Next(0, 9) * EntryLength);
            for (var b = 0; b < entries.Length; b += EntryLength)
            {
                entries[b] = (byte)(entries[b] % blocks);
            }

            list.Add(new SampleRecord(RandomNumberGenerator.GetBytes(16), (SubjectCategory)random.Next(4), tokens, entries));
        }

        return list;
    }

    private static BatchHeader Write(string path, IEnumerable<SampleRecord> records, MatchKeySchema? schema = null)
    {
        using var writer = new BatchFileWriter(path, "proj-1", "RS", schema ?? Person, new byte[16]);
        foreach (var record in records)
        {
            writer.WriteRecord(record.Handle, record.Category, record.Tokens, record.Blocks);
        }

        return writer.Complete();
    }

    [FsCheck.Xunit.Property(MaxTest = 30)]
    public Property A_stage_two_batch_reads_back_exactly_the_block_entries_that_were_written() =>
        Prop.ForAll(Gen.Choose(0, 40).ToArbitrary(), ArbMap.Default.ArbFor<int>(), (count, seed) =>
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
                if (!record.Handle.SequenceEqual(expected.Handle) || !record.TokenEntries.SequenceEqual(expected.Tokens)
                    || !record.BlockEntries.SequenceEqual(expected.Blocks) || record.BlockCount * EntryLength != expected.Blocks.Length)
                {
                    return false;
                }

                for (var b = 0; b < record.BlockCount; b++)
                {
                    var at = b * EntryLength;
                    if (record.BlockIndexAt(b) != expected.Blocks[at]
                        || !record.BlockTokenAt(b).SequenceEqual(expected.Blocks.AsSpan(at + 1, BatchFormat.BlockTokenLength))
                        || !record.VectorAt(b).SequenceEqual(expected.Blocks.AsSpan(at + 1 + BatchFormat.BlockTokenLength, RecordComparisonWriter.VectorLength)))
                    {
                        return false;
                    }
                }
            }

            var stage2 = reader.Header.Stage2;
            return i == count && stage2 is not null && stage2.VectorLength == RecordComparisonWriter.VectorLength
                && stage2.BlockCount == Person.Scoring!.Blocks.Count
                && stage2.BlockEntryCount == records.Sum(r => r.Blocks.Length / EntryLength)
                && written.Stage2 == stage2;
        });

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public Property Any_flipped_byte_of_a_stage_two_batch_is_detected() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), Gen.Choose(1, 255).ToArbitrary(), (position, mask) =>
        {
            using var dir = new TempDirectory();
            var path = dir.File("b.aqb");
            Write(path, Sample(4, 42));
            var bytes = File.ReadAllBytes(path);
            bytes[(int)((uint)position % (uint)bytes.Length)] ^= (byte)mask;
            File.WriteAllBytes(path, bytes);

            return Throws(path);
        });

    [Fact]
    public void A_schema_without_a_scoring_section_writes_format_version_one_without_block_entries()
    {
        using var dir = new TempDirectory();
        var path = dir.File("v.aqb");
        var entries = new byte[BatchFormat.TokenEntryLength];

        using (var writer = new BatchFileWriter(path, "p", "RS", Unscored, new byte[16]))
        {
            writer.WriteRecord(new byte[16], SubjectCategory.Other, entries);
            writer.Complete();
        }

        Assert.Equal(BatchFormat.Version, BinaryPrimitives.ReadUInt16BigEndian(File.ReadAllBytes(path).AsSpan(4)));
        using var reader = BatchFileReader.Open(path);
        Assert.Null(reader.Header.Stage2);
        var record = new BatchRecord();
        Assert.True(reader.TryReadRecord(record));
        Assert.Equal(0, record.BlockCount);
    }

    [Fact]
    public void A_record_of_a_schema_without_a_scoring_section_takes_no_block_entries()
    {
        using var dir = new TempDirectory();
        using var writer = new BatchFileWriter(dir.File("v.aqb"), "p", "RS", Unscored, new byte[16]);

        Assert.Throws<ArgumentException>(() => writer.WriteRecord(new byte[16], SubjectCategory.Other, [], new byte[EntryLength]));
    }

    [Fact]
    public void A_block_entry_for_a_block_the_schema_lacks_is_refused()
    {
        using var dir = new TempDirectory();
        using var writer = new BatchFileWriter(dir.File("b.aqb"), "p", "RS", Person, new byte[16]);
        var entry = new byte[EntryLength];
        entry[0] = (byte)Person.Scoring!.Blocks.Count;

        Assert.Throws<ArgumentException>(() => writer.WriteRecord(new byte[16], SubjectCategory.Other, [], entry));
    }

    [Fact]
    public void A_declared_vector_length_or_block_count_other_than_the_schemas_is_refused_with_a_clear_message()
    {
        using var dir = new TempDirectory();
        var header = Write(dir.File("b.aqb"), Sample(2, 1));
        var longer = header with { Stage2 = header.Stage2! with { VectorLength = header.Stage2.VectorLength + 1 } };
        var moreBlocks = header with { Stage2 = header.Stage2! with { BlockCount = header.Stage2.BlockCount + 1 } };

        header.CheckStage2(Person);
        var length = Assert.Throws<BatchFormatException>(() => longer.CheckStage2(Person));
        var blocks = Assert.Throws<BatchFormatException>(() => moreBlocks.CheckStage2(Person));
        var noScoring = Assert.Throws<BatchFormatException>(() => header.CheckStage2(Unscored));

        Assert.Contains($"{header.Stage2.VectorLength + 1} bytes", length.Message, StringComparison.Ordinal);
        Assert.Contains($"{header.Stage2.BlockCount + 1} blocks", blocks.Message, StringComparison.Ordinal);
        Assert.Contains("no scoring section", noScoring.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_declaring_an_oversized_vector_is_refused_before_any_record_is_read()
    {
        using var dir = new TempDirectory();
        var path = dir.File("b.aqb");
        Write(path, Sample(1, 3));
        var bytes = File.ReadAllBytes(path);
        // The vector length sits right after the key table; find it by its value and re-seal the checksum.
        var at = IndexOfVectorLength(bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), BatchFormat.MaxVectorLength + 1);
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - BatchFormat.ChecksumLength), bytes.AsSpan(bytes.Length - BatchFormat.ChecksumLength));
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<BatchFormatException>(() => BatchFileReader.Open(path));

        Assert.Contains("stage-2 layout is out of bounds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tokeniser_writes_block_entries_for_a_person_schema_with_scoring_and_inspection_counts_them()
    {
        using var dir = new TempDirectory();
        using var key = ProjectKey.Generate();
        var csv = dir.File("records.csv");
        File.WriteAllText(csv,
            "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth\n"
            + "RS-1,Stojanović,Miloš,Dragan,M,1982-05-04,Niš\nRS-2,Petrović,Ana,,Ž,1990,Beograd\n", new UTF8Encoding(false));
        var options = new TokenizeOptions { InputPath = csv, BatchPath = dir.File("rs.aqb"), Party = "RS", ProjectId = "p" };

        var summary = BatchTokenizer.Run(options, key, null, TestContext.Current.CancellationToken);
        var inspection = BatchInspection.Of(options.BatchPath);

        Assert.Equal(2, summary.RecordsTokenized);
        Assert.NotNull(summary.Header!.Stage2);
        Assert.True(summary.Header.Stage2.BlockEntryCount > 2);
        Assert.Equal(2, inspection.RecordsWithBlocks);
        Assert.Equal(summary.Header.Stage2.BlockEntryCount, inspection.EntriesPerBlock.Sum());
        Assert.Equal(Person.Scoring!.Blocks.Count, inspection.EntriesPerBlock.Count);
    }

    private static int IndexOfVectorLength(byte[] bytes)
    {
        Span<byte> pattern = stackalloc byte[3];
        BinaryPrimitives.WriteUInt16BigEndian(pattern, (ushort)RecordComparisonWriter.VectorLength);
        pattern[2] = (byte)Person.Scoring!.Blocks.Count;
        var at = bytes.AsSpan().IndexOf(pattern);
        Assert.True(at > 0);
        return at;
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
