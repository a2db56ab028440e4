using System.Text.Json;
using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

/// <summary>
/// Issue 16: <c>aquila demo</c> on persons prints stage 1 alone and stage 1 + 2 side by side, as
/// <c>aquila eval --stage2</c> does, and its JSON carries both.
/// </summary>
public class DemoStageFiguresTests
{
    [Fact]
    public async Task The_person_demo_prints_stage_one_and_stage_one_plus_two_side_by_side()
    {
        using var dir = new TempDirectory();

        var demo = await AquilaProcess.RunAsync(dir.Path, "demo", "--persons", "300", "--seed", "4");

        Assert.True(demo.ExitCode == 0, demo.Error);
        Assert.Contains("Stage 1 alone (the same exports, stage-1 keys only, in this process) and stage 1 + 2 (the service's hits), side by side:",
            demo.Output, StringComparison.Ordinal);
        var header = Assert.Single(demo.Output.Split('\n'), l => l.Contains("stage 1 + 2 hits", StringComparison.Ordinal));
        Assert.Contains("stage 1 hits", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_person_demo_json_carries_stage_one_alone_next_to_the_service_hits_which_find_more()
    {
        using var dir = new TempDirectory();

        var demo = await AquilaProcess.RunAsync(dir.Path, "demo", "--persons", "300", "--seed", "4", "--json");

        Assert.True(demo.ExitCode == 0, demo.Error);
        var root = JsonDocument.Parse(demo.Output).RootElement;
        var both = root.GetProperty("quality").EnumerateArray().ToList();
        var first = root.GetProperty("stage1_quality").EnumerateArray().ToList();
        Assert.Equal(3, both.Count);
        Assert.Equal(3, first.Count);
        Assert.True(root.GetProperty("stage1_hits").GetInt64() > 0);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(both[i].GetProperty("bands").GetString(), first[i].GetProperty("bands").GetString());
            Assert.Equal(both[i].GetProperty("true_pairs").GetInt64(), first[i].GetProperty("true_pairs").GetInt64());
        }

        // All bands: stage 2 finds true pairs the stage-1 keys miss.
        Assert.True(both[2].GetProperty("recall").GetDouble() > first[2].GetProperty("recall").GetDouble(),
            $"stage 1 + 2 recall {both[2].GetProperty("recall").GetDouble()} is not above stage 1's {first[2].GetProperty("recall").GetDouble()}");
    }

    [Fact]
    public async Task The_vehicle_demo_json_carries_stage_one_alone_next_to_the_service_hits_which_find_more()
    {
        using var dir = new TempDirectory();

        var demo = await AquilaProcess.RunAsync(dir.Path, "demo", "--type", "vehicles", "--vehicles", "400", "--seed", "3", "--json");

        Assert.True(demo.ExitCode == 0, demo.Error);
        var root = JsonDocument.Parse(demo.Output).RootElement;
        var both = root.GetProperty("quality").EnumerateArray().ToList();
        var first = root.GetProperty("stage1_quality").EnumerateArray().ToList();
        Assert.Equal(3, first.Count);
        // Strong: stage 2 lifts vehicles whose plate, make, model and year agree but one side has no VIN.
        Assert.True(both[0].GetProperty("recall").GetDouble() > first[0].GetProperty("recall").GetDouble(),
            $"stage 1 + 2 strong recall {both[0].GetProperty("recall").GetDouble()} is not above stage 1's {first[0].GetProperty("recall").GetDouble()}");
    }
}
