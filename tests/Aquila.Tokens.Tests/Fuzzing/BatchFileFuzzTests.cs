using System.Security.Cryptography;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Keys;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Fuzzing;

/// <summary>
/// Token batch files (.aqb, what nodes send and the server parses) mangled byte by byte: as they are (the checksum
/// must catch every change) and with the checksum made right again (what a hostile node can send: the parser itself
/// must refuse with a <see cref="BatchFormatException"/> or read well-formed records). Never another exception, never
/// a hang. 300 cases here; AQUILA_FUZZ_CASES for the long mode.
/// </summary>
public sealed class BatchFileFuzzTests
{
    private static readonly byte[] Valid = WriteSample();

    [Fact]
    public void Mangled_batch_files_are_refused_with_a_batch_format_error_or_read_as_well_formed_records()
    {
        var cases = Fuzz.Cases(300);
        var input =
            from mutations in Fuzz.Mutations()
            from rechecksum in Gen.Frequency((1, Gen.Constant(false)), (3, Gen.Constant(true)))
            select (Mutations: mutations, Rechecksum: rechecksum);

        Fuzz.Check(".aqb batch files", input, cases, c =>
        {
            var bytes = c.Rechecksum ? WithChecksum(Fuzz.Apply(Valid[..^BatchFormat.ChecksumLength], c.Mutations)) : Fuzz.Apply(Valid, c.Mutations);
            var changed = !bytes.AsSpan().SequenceEqual(Valid);
            try
            {
                ReadAll(bytes);
                Assert.True(c.Rechecksum || !changed, "a changed file was read although its checksum no longer matches");
                return changed ? "changed, read as well-formed records" : "unchanged, read";
            }
            catch (BatchFormatException e)
            {
                Assert.True(changed, "the untouched file was refused: " + e.Message);
                Assert.Contains("fuzz.aqb", e.Message, StringComparison.Ordinal);
                return c.Rechecksum ? "refused by the parser" : "refused (checksum, magic or length)";
            }
        });
    }

    [Fact]
    public void A_header_that_ends_right_after_the_batch_id_is_a_batch_format_error()
    {
        // Regression: the parser indexed past the header's end (IndexOutOfRangeException) instead of reporting it cut short.
        var content = Valid[..^BatchFormat.ChecksumLength];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(content.AsSpan(6), 16);

        var error = Assert.Throws<BatchFormatException>(() => ReadAll(WithChecksum(content)));

        Assert.Contains("cut short", error.Message, StringComparison.Ordinal);
    }

    private static long ReadAll(byte[] bytes)
    {
        using var reader = BatchFileReader.Open(new MemoryStream(bytes), "fuzz.aqb");
        var header = reader.Header;
        Assert.True(Identifiers.IsValidPartyCode(header.Party) && Identifiers.IsValidProjectId(header.ProjectId));
        var record = new BatchRecord();
        long records = 0;
        while (reader.TryReadRecord(record))
        {
            records++;
            Assert.True(records <= header.RecordCount);
            Assert.True(Enum.IsDefined(record.Category));
            for (var i = 0; i < record.TokenCount; i++)
            {
                Assert.InRange(record.KeyIndexAt(i), 0, header.Keys.Count - 1);
            }
        }

        Assert.Equal(header.RecordCount, records);
        return records;
    }

    private static byte[] WithChecksum(byte[] content) => [.. content, .. SHA256.HashData(content)];

    private static byte[] WriteSample()
    {
        using var dir = new TempDirectory();
        var path = dir.File("sample.aqb");
        var random = new Random(9);
        using (var writer = new BatchFileWriter(path, "fuzz-project", "RS", MatchKeySchema.Default, RandomNumberGenerator.GetBytes(16)))
        {
            for (var r = 0; r < 12; r++)
            {
                var count = random.Next(0, 9);
                var entries = new byte[count * BatchFormat.TokenEntryLength];
                random.NextBytes(entries);
                for (var t = 0; t < count; t++)
                {
                    entries[t * BatchFormat.TokenEntryLength] = (byte)(entries[t * BatchFormat.TokenEntryLength] % MatchKeySchema.Default.Keys.Count);
                }

                writer.WriteRecord(RandomNumberGenerator.GetBytes(16), (SubjectCategory)(r % 4), entries);
            }

            writer.Complete();
        }

        return File.ReadAllBytes(path);
    }
}
