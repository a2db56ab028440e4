using System.Text.Json;
using Aquila.Cli.Tests.Support;
using Aquila.Synthetic;

namespace Aquila.Cli.Tests.Evaluation;

[Collection(nameof(ProcessTests))]
public class EvalCommandTests
{
    [Fact]
    public async Task Eval_prints_the_bands_and_writes_a_json_report_with_causes()
    {
        using var dir = new TempDirectory();
        SyntheticDatasetWriter.Write(SyntheticGenerator.Generate(new SynthOptions { Persons = 300, Seed = 3 }), dir.Path);

        var result = await AquilaProcess.RunAsync(dir.Path, "eval", "--parties", dir.Path, "--truth", dir.File("truth.csv"),
            "--variations", dir.File("variations.csv"), "--in-process", "--json", dir.File("report.json"), "--errors", dir.File("errors.csv"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("strong+probable", result.Output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("report.json")));
        var levels = report.RootElement.GetProperty("levels");
        Assert.Equal(3, levels.GetArrayLength());
        Assert.True(levels[2].GetProperty("recall").GetDouble() > 0.5);
        Assert.Equal(JsonValueKind.Object, levels[2].GetProperty("misses_by_cause").ValueKind);
        Assert.StartsWith("kind,party_a,record_a,party_b,record_b,band,keys", File.ReadAllText(dir.File("errors.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_without_a_truth_file_it_can_read_fails_with_bad_input()
    {
        using var dir = new TempDirectory();
        SyntheticDatasetWriter.Write(SyntheticGenerator.Generate(new SynthOptions { Persons = 50, Seed = 3 }), dir.Path);

        var result = await AquilaProcess.RunAsync(dir.Path, "eval", "--parties", dir.Path, "--truth", dir.File("missing.csv"), "--in-process");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("missing.csv", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_with_stage_two_prints_stage_one_and_stage_one_plus_two_with_the_fitted_weights()
    {
        using var dir = new TempDirectory();
        SyntheticDatasetWriter.Write(SyntheticGenerator.Generate(new SynthOptions { Persons = 300, Seed = 5 }), dir.Path);

        var result = await AquilaProcess.RunAsync(dir.Path, "eval", "--parties", dir.Path, "--truth", dir.File("truth.csv"), "--in-process", "--stage2",
            "--json", dir.File("report.json"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Stage 1 + 2:", result.Output, StringComparison.Ordinal);
        Assert.Contains("dob=", result.Output, StringComparison.Ordinal);
        Assert.Contains("side by side", result.Output, StringComparison.Ordinal);
        Assert.Equal(3, result.Output.Split("strong+probable").Length - 1);     // stage 1, stage 1 + 2, both side by side
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("report.json")));
        var stage2 = json.RootElement.GetProperty("stage2");
        Assert.Equal(3, stage2.GetProperty("levels").GetArrayLength());
        Assert.Equal(3, json.RootElement.GetProperty("levels").GetArrayLength());
        Assert.Contains(stage2.GetProperty("model").EnumerateArray(), f => f.GetProperty("fields").GetArrayLength() == 3);
    }
}
