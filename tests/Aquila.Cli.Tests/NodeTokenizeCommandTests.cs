using System.Text;
using System.Text.Json;
using Aquila.Cli.Tests.Support;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Tests;

// Child processes on a 2-core machine: one at a time.
[Collection(nameof(ProcessTests))]
public class NodeTokenizeCommandTests
{
    private const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category";

    private static async Task<string> NewKeyAsync(TempDirectory dir)
    {
        var path = dir.File("project.key");
        var result = await AquilaProcess.RunAsync(dir.Path, "key", "new", "--out", path);
        Assert.Equal(0, result.ExitCode);
        return path;
    }

    [Fact]
    public async Task Tokenising_the_sample_writes_a_batch_a_handle_map_and_lists_each_bad_record_with_its_line()
    {
        using var dir = new TempDirectory();
        var key = await NewKeyAsync(dir);

        var result = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", RepositoryFiles.PathOf("samples/records.csv"),
            "--key-file", key, "--party", "RS", "--out", dir.File("rs.aqb"));

        // RS-0006's date (31.02.) is not a date: with the built-in schema's stage 2 it is taken as missing and the record
        // goes in "stage 2 only", noted; RS-0007 (a given name alone) builds neither a key nor a block and is rejected.
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 record(s) rejected", result.Error, StringComparison.Ordinal);
        Assert.Contains("1 record(s) went in as stage 2 only", result.Error, StringComparison.Ordinal);
        var rejects = File.ReadAllLines(dir.File("rs.aqb.rejects.csv"));
        Assert.Equal("line,record_id,field,reason", rejects[0]);
        Assert.StartsWith("7,RS-0006,date_of_birth,\"stage 2 only (not rejected)", rejects[1], StringComparison.Ordinal);
        Assert.StartsWith("8,RS-0007,,\"no match key", rejects[2], StringComparison.Ordinal);
        Assert.Equal(7, File.ReadAllLines(dir.File("rs.aqb.handles.csv")).Length);
        using var reader = BatchFileReader.Open(dir.File("rs.aqb"));
        Assert.Equal(6, reader.Header.RecordCount);
        Assert.Equal("RS", reader.Header.Party);
    }

    [Fact]
    public async Task Cyrillic_and_Latin_records_of_one_person_share_their_name_and_date_token()
    {
        using var dir = new TempDirectory();
        var key = await NewKeyAsync(dir);

        await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", RepositoryFiles.PathOf("samples/records.csv"),
            "--key-file", key, "--party", "RS", "--out", dir.File("rs.aqb"));

        var tokens = TokensByRecord(dir.File("rs.aqb"), dir.File("rs.aqb.handles.csv"), "name_dob");
        Assert.NotEmpty(tokens["RS-0001"].Intersect(tokens["RS-0002"]));
        Assert.Empty(tokens["RS-0001"].Intersect(tokens["RS-0003"]));
    }

    [Fact]
    public async Task Nothing_from_a_record_is_printed_or_put_into_the_batch()
    {
        using var dir = new TempDirectory();
        var key = await NewKeyAsync(dir);
        var input = dir.File("canary.csv");
        File.WriteAllText(input, Header + "\n"
            + "C-1,Zyxqvorthian,Quabblefrond,Grimbleworth,M,17.09.1923,Vlorqzintown,RS,QZX9931777,QZ77310,suspect\n"
            + "C-2,Zyxqvorthian,Quabblefrond,,M,31.09.1923,,RS,,,suspect\n", new UTF8Encoding(false));

        var result = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", input, "--key-file", key,
            "--party", "RS", "--out", dir.File("c.aqb"));

        // C-2's date is not a date: it goes in without it, stage 2 only (not rejected), and its blocks hold no canary either.
        Assert.Equal(0, result.ExitCode);
        var batch = Encoding.Latin1.GetString(File.ReadAllBytes(dir.File("c.aqb")));
        var printed = result.All.Replace(dir.Path, "", StringComparison.Ordinal);
        foreach (var canary in new[] { "ZYXQVORTH", "Zyxqvorth", "Quabblefrond", "QUABBLEFROND", "Grimbleworth", "1923", "Vlorqzin", "9931777", "77310" })
        {
            Assert.DoesNotContain(canary, printed, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(canary, batch, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Strict_mode_stops_at_the_first_bad_record_and_writes_no_batch()
    {
        using var dir = new TempDirectory();
        var key = await NewKeyAsync(dir);

        var result = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", RepositoryFiles.PathOf("samples/records.csv"),
            "--key-file", key, "--party", "RS", "--out", dir.File("rs.aqb"), "--strict");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("line 7, field date_of_birth", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("rs.aqb")));
    }

    [Fact]
    public async Task A_column_map_reads_an_export_with_local_headers()
    {
        using var dir = new TempDirectory();
        var key = await NewKeyAsync(dir);

        var result = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize",
            "--input", RepositoryFiles.PathOf("samples/records-local-headers.csv"),
            "--columns", RepositoryFiles.PathOf("samples/columns-local-headers.json"),
            "--key-file", key, "--party", "RS", "--out", dir.File("l.aqb"), "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(2, json.RootElement.GetProperty("records_tokenized").GetInt32());
        Assert.True(json.RootElement.GetProperty("tokens_per_key").GetProperty("name_dob_place").GetInt32() >= 2);
    }

    [Fact]
    public async Task A_legacy_windows_1250_export_is_read_with_its_encoding()
    {
        using var dir = new TempDirectory();
        var key = await NewKeyAsync(dir);
        var input = dir.File("cp1250.csv");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(input, Encoding.GetEncoding(1250).GetBytes(Header + "\nW-1,Đorđević,Čedomir,,M,12.03.1985,,RS,,,\n"));
        var utf8 = dir.File("utf8.csv");
        File.WriteAllText(utf8, Header + "\nU-1,Djordjevic,Cedomir,,M,12.03.1985,,RS,,,\n", new UTF8Encoding(false));

        var legacy = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", input, "--encoding", "windows-1250",
            "--key-file", key, "--party", "RS", "--out", dir.File("w.aqb"));
        var plain = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", utf8,
            "--key-file", key, "--party", "BA", "--out", dir.File("u.aqb"));

        Assert.Equal(0, legacy.ExitCode);
        Assert.Equal(0, plain.ExitCode);
        var a = TokensByRecord(dir.File("w.aqb"), dir.File("w.aqb.handles.csv"), "name_dob")["W-1"];
        var b = TokensByRecord(dir.File("u.aqb"), dir.File("u.aqb.handles.csv"), "name_dob")["U-1"];
        Assert.Equal(a.Order(), b.Order());
    }

    [Fact]
    public async Task A_file_without_a_record_id_column_is_refused_by_name()
    {
        using var dir = new TempDirectory();
        var key = await NewKeyAsync(dir);
        var input = dir.File("noid.csv");
        File.WriteAllText(input, "family_name,given_name\nPetrovic,Marko\n");

        var result = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", input, "--key-file", key,
            "--party", "RS", "--out", dir.File("x.aqb"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("record_id", result.Error, StringComparison.Ordinal);
        Assert.Contains("noid.csv", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("x.aqb")));
    }

    [Fact]
    public async Task A_key_of_the_wrong_length_is_refused()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("short.key"), "abcdef\n");

        var result = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", RepositoryFiles.PathOf("samples/records.csv"),
            "--key-file", dir.File("short.key"), "--party", "RS", "--out", dir.File("x.aqb"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("32-byte key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_encoding_is_refused_with_the_supported_ones()
    {
        using var dir = new TempDirectory();
        var key = await NewKeyAsync(dir);

        var result = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", RepositoryFiles.PathOf("samples/records.csv"),
            "--key-file", key, "--party", "RS", "--out", dir.File("x.aqb"), "--encoding", "ebcdic");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("windows-1251", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_option_is_a_usage_error()
    {
        using var dir = new TempDirectory();

        var result = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", "x.csv");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--key-file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_counts_tokens_per_key_and_never_shows_a_token_or_handle()
    {
        using var dir = new TempDirectory();
        var key = await NewKeyAsync(dir);
        await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", RepositoryFiles.PathOf("samples/records.csv"),
            "--key-file", key, "--party", "RS", "--out", dir.File("rs.aqb"), "--project", "aquila-2026");

        var result = await AquilaProcess.RunAsync(dir.Path, "node", "inspect", dir.File("rs.aqb"), "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("aquila-2026", root.GetProperty("project").GetString());
        Assert.Equal(6, root.GetProperty("records").GetInt32());
        Assert.Equal(MatchKeySchema.Default.HashHex, root.GetProperty("schema_hash").GetString());
        var perKey = root.GetProperty("keys").EnumerateArray().Sum(k => k.GetProperty("tokens").GetInt64());
        Assert.Equal(root.GetProperty("tokens").GetInt64(), perKey);
        foreach (var line in File.ReadLines(dir.File("rs.aqb.handles.csv")).Skip(1))
        {
            Assert.DoesNotContain(line.Split(',')[0], result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Inspecting_a_damaged_batch_says_it_is_corrupt()
    {
        using var dir = new TempDirectory();
        var key = await NewKeyAsync(dir);
        await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", RepositoryFiles.PathOf("samples/records.csv"),
            "--key-file", key, "--party", "RS", "--out", dir.File("rs.aqb"));
        var bytes = File.ReadAllBytes(dir.File("rs.aqb"));
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(dir.File("rs.aqb"), bytes);

        var result = await AquilaProcess.RunAsync(dir.Path, "node", "inspect", dir.File("rs.aqb"));

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("checksum", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_key_never_overwrites_an_existing_one()
    {
        using var dir = new TempDirectory();
        var key = await NewKeyAsync(dir);
        var before = File.ReadAllText(key);

        var result = await AquilaProcess.RunAsync(dir.Path, "key", "new", "--out", key);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(before, File.ReadAllText(key));
    }

    private static Dictionary<string, List<string>> TokensByRecord(string batchPath, string mapPath, string keyId)
    {
        var recordByHandle = File.ReadLines(mapPath).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c[1]);
        using var reader = BatchFileReader.Open(batchPath);
        var keyIndex = reader.Header.Keys.Select((k, i) => (k, i)).Single(x => x.k.Id == keyId).i;
        var result = new Dictionary<string, List<string>>();
        var record = new BatchRecord();
        while (reader.TryReadRecord(record))
        {
            var tokens = new List<string>();
            for (var i = 0; i < record.TokenCount; i++)
            {
                if (record.KeyIndexAt(i) == keyIndex)
                {
                    tokens.Add(Convert.ToHexStringLower(record.TokenAt(i)));
                }
            }

            result[recordByHandle[Convert.ToHexStringLower(record.Handle)]] = tokens;
        }

        return result;
    }
}

[CollectionDefinition(nameof(ProcessTests), DisableParallelization = true)]
public sealed class ProcessTests;
