using System.Text;
using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

/// <summary>Issue 17 item 10: what the command prints is complete, unwrapped in files and pipes, and points the way.</summary>
[Collection(nameof(ProcessTests))]
public class CliUsabilityTests
{
    [Fact]
    public async Task A_bare_aquila_prints_the_help()
    {
        using var dir = new TempDirectory();

        var bare = await AquilaProcess.RunAsync(dir.Path);
        var group = await AquilaProcess.RunAsync(dir.Path, "node");

        Assert.Equal(0, bare.ExitCode);
        Assert.Contains("Usage:", bare.Output, StringComparison.Ordinal);
        Assert.Contains("node", bare.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error", bare.Error, StringComparison.Ordinal);
        Assert.Equal(0, group.ExitCode);
        Assert.Contains("tokenize", group.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_command_gets_a_suggestion()
    {
        using var dir = new TempDirectory();

        var top = await AquilaProcess.RunAsync(dir.Path, "nod", "submit");
        var sub = await AquilaProcess.RunAsync(dir.Path, "node", "sumbit", "x.aqb");

        Assert.Equal(2, top.ExitCode);
        Assert.Contains("Did you mean 'aquila node'?", top.Error, StringComparison.Ordinal);
        Assert.Equal(2, sub.ExitCode);
        Assert.Contains("Did you mean 'aquila node submit'?", sub.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minus_f_means_follow_and_nothing_else()
    {
        using var dir = new TempDirectory();

        var create = await AquilaProcess.RunAsync(dir.Path, "project", "create", "--help");
        var hits = await AquilaProcess.RunAsync(dir.Path, "node", "hits", "--help");

        Assert.DoesNotContain("-f,", create.Output, StringComparison.Ordinal);
        Assert.Contains("-f, --follow", hits.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("show")]
    [InlineData("list")]
    [InlineData("advance")]
    [InlineData("invite")]
    [InlineData("uninvite")]
    [InlineData("indicators")]
    [InlineData("purge")]
    public async Task Every_project_command_can_answer_in_json(string command)
    {
        using var dir = new TempDirectory();

        var help = await AquilaProcess.RunAsync(dir.Path, "project", command, "--help");

        Assert.Contains("--json", help.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("join")]
    [InlineData("feedback")]
    [InlineData("purge")]
    [InlineData("submit")]
    [InlineData("hits")]
    public async Task Node_commands_that_talk_to_the_server_can_answer_in_json(string command)
    {
        using var dir = new TempDirectory();

        var help = await AquilaProcess.RunAsync(dir.Path, "node", command, "--help");

        Assert.Contains("--json", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_command_help_says_what_it_is_for_today()
    {
        using var dir = new TempDirectory();

        var help = await AquilaProcess.RunAsync(dir.Path, "--help");

        var line = help.Output.Split('\n').Single(l => l.TrimStart().StartsWith("key ", StringComparison.Ordinal));
        Assert.DoesNotContain("until projects get theirs", line, StringComparison.Ordinal);
        Assert.Contains("dry run", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_written_to_a_pipe_keeps_each_row_on_one_line()
    {
        using var dir = new TempDirectory();
        const string header = "record_id,family_name,given_name,date_of_birth\n";
        File.WriteAllText(dir.File("records.csv"), header + "RS-1,Ilić,Marija,09.09.1995\n", new UTF8Encoding(false));
        await AquilaProcess.RunAsync(dir.Path, "key", "new", "--out", dir.File("k.key"));
        var batch = dir.File("a-batch-file-with-a-long-name-so-that-the-table-is-wider-than-eighty-columns.aqb");

        var tokenize = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", dir.File("records.csv"), "--key-file",
            dir.File("k.key"), "--party", "RS", "--out", batch);

        Assert.Equal(0, tokenize.ExitCode);
        Assert.Contains(tokenize.Output.Split('\n'), l => l.Contains(batch, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_demo_declares_for_each_party_its_own_number_of_records()
    {
        using var dir = new TempDirectory();

        var demo = await AquilaProcess.RunAsync(dir.Path, "demo", "--persons", "200");

        Assert.True(demo.ExitCode == 0, demo.Error);
        Assert.Contains("rejected: records that could not be tokenised; run with --keep DIR", demo.Output, StringComparison.Ordinal);
        var rows = demo.Output.Split('\n')
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Split('|').Length == 6 && !l.Contains("Party", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .ToList();
        Assert.Equal(6, rows.Count);
        foreach (var row in rows)
        {
            var declared = long.Parse(row[2].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            var submitted = long.Parse(row[3].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(declared >= submitted && declared <= submitted + submitted / 10 + 5,
                $"party {row[1]} declared {declared} records and submitted {submitted}");
        }
    }

    [Theory]
    [InlineData("the server refused (NotFound): Project x does not exist..", "the server refused (NotFound): Project x does not exist.")]
    [InlineData("the ceremony failed: a share is missing. . Do not use it.", "the ceremony failed: a share is missing. Do not use it.")]
    [InlineData("waiting for more...", "waiting for more...")]
    [InlineData("version 1.2.3 is fine.", "version 1.2.3 is fine.")]
    public void A_message_built_from_sentences_has_one_full_stop_where_they_meet(string built, string printed)
    {
        Assert.Equal(printed, Sentence.OneFullStop(built));
    }

    [Fact]
    public async Task Simulate_and_eval_read_a_folder_written_by_synth_as_it_is()
    {
        using var dir = new TempDirectory();
        var synth = await AquilaProcess.RunAsync(dir.Path, "synth", "--out", dir.File("data"), "--persons", "150", "--parties", "RS,BA", "--seed", "5");
        Assert.Equal(0, synth.ExitCode);

        var simulate = await AquilaProcess.RunAsync(dir.Path, "simulate", "--parties", dir.File("data"), "--out", dir.File("hits.csv"));
        var eval = await AquilaProcess.RunAsync(dir.Path, "eval", "--parties", dir.File("data"), "--in-process");

        Assert.True(simulate.ExitCode == 0, simulate.Error);
        Assert.True(File.ReadAllLines(dir.File("hits.csv")).Length > 1);
        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.Contains("recall", eval.Output, StringComparison.OrdinalIgnoreCase);
    }
}
