using System.Text;
using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

/// <summary>
/// Plants canary records (unusual names, dates, ids) in a dry run and searches everything that leaves a node or
/// stays on the server — batch files, the write-ahead log, the audit database, the server's keys folder, and all
/// console output — for them, in the raw and the normalised forms. Zero occurrences allowed.
/// </summary>
[Collection(nameof(ProcessTests))]
public class PrivacyLeakScanTests
{
    private const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category\n";

    private static readonly string[] Canaries =
    [
        "Zyxqvorthian", "ZYXQVORTHIAN", "Quabblefrond", "QUABBLEFROND", "Grimbleworth", "GRIMBLEWORTH", "Vlorqzintown", "VLORQZINTOWN",
        "QZX9931777", "Жџфкворт", "ZJFKVORT", "19230917", "17.09.1923", "1923-09-17", "4417091923", "CANARY-REC",
    ];

    [Fact]
    public async Task No_canary_value_reaches_a_batch_the_server_files_or_any_output()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("parties"));
        File.WriteAllText(dir.File("parties/RS.csv"), Header
            + "CANARY-REC-1,Zyxqvorthian,Quabblefrond,Grimbleworth,M,17.09.1923,Vlorqzintown,RS,QZX9931777,4417091923,suspect\n"
            + "CANARY-REC-2,Жџфкворт,Quabblefrond,,M,1923-09-17,,RS,,,suspect\n", new UTF8Encoding(false));
        File.WriteAllText(dir.File("parties/BA.csv"), Header
            + "CANARY-REC-3,Zyxqvorthian,Quabblefrond,Grimbleworth,M,1923-09-17,Vlorqzintown,SRB,QZX 9931 777,,suspect\n"
            // No date and no identifier: no stage-1 key, so it goes in with its stage-2 blocks only (issue 16).
            + "CANARY-REC-4,Zyxqvorthian,Quabblefrond,Grimbleworth,M,,Vlorqzintown,SRB,,,suspect\n", new UTF8Encoding(false));

        var run = await AquilaProcess.RunAsync(dir.Path, "simulate", "--parties", dir.File("parties"), "--out", dir.File("hits.csv"),
            "--data-dir", dir.File("run"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.ReadAllLines(dir.File("hits.csv")).Length > 1, "the canaries should still match each other");
        var scanned = new List<string>();
        foreach (var file in Directory.EnumerateFiles(dir.File("run"), "*", SearchOption.AllDirectories))
        {
            // The node's own local files (handle maps, reject files) may name its record ids: they never leave it.
            if (file.EndsWith(".handles.csv", StringComparison.Ordinal) || file.EndsWith(".rejects.csv", StringComparison.Ordinal))
            {
                continue;
            }

            scanned.Add(file);
            var bytes = File.ReadAllBytes(file);
            foreach (var canary in Canaries)
            {
                Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(canary)), $"'{Path.GetRelativePath(dir.Path, file)}' holds a canary");
            }
        }

        Assert.Contains(scanned, f => f.EndsWith("audit.db", StringComparison.Ordinal));
        Assert.Contains(scanned, f => f.Contains("wal", StringComparison.Ordinal));
        Assert.Contains(scanned, f => f.EndsWith(".aqb", StringComparison.Ordinal));
        // Issue 16: the batches scanned carry stage-2 block tokens and comparison vectors (format version 2).
        Assert.All(scanned.Where(f => f.EndsWith(".aqb", StringComparison.Ordinal)),
            f => Assert.True(Tokens.Batches.BatchInspection.Of(f).RecordsWithBlocks > 0, $"'{Path.GetFileName(f)}' carries no block entries"));
        Assert.Contains(scanned, f => f.EndsWith(".aqb", StringComparison.Ordinal) && Tokens.Batches.BatchInspection.Of(f).RecordsStage2Only == 1);
        var printed = run.All.Replace(dir.Path, "", StringComparison.Ordinal);
        foreach (var canary in Canaries)
        {
            Assert.DoesNotContain(canary, printed, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
