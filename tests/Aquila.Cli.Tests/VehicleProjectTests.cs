using System.Text.Json;
using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

/// <summary>Issue 23: a one-time project on vehicle records, end to end through the real server over mutual TLS.</summary>
[Collection(nameof(ProcessTests))]
public class VehicleProjectTests
{
    [Fact]
    public async Task A_project_on_synthetic_vehicles_finds_the_vehicles_two_parties_hold_through_the_server()
    {
        using var dir = new TempDirectory();
        var schema = RepositoryFiles.PathOf("src/Aquila.Tokens/Schema/vehicles-v1.json");
        var synth = await AquilaProcess.RunAsync(dir.Path, "synth", "--type", "vehicles", "--vehicles", "200", "--parties", "RS,ME",
            "--seed", "3", "--out", dir.File("data"));

        var simulate = await AquilaProcess.RunAsync(dir.Path, "simulate", "--parties", dir.File("data"), "--schema", schema,
            "--out", dir.File("hits.csv"), "--json");

        Assert.True(synth.ExitCode == 0, synth.Error);
        Assert.True(simulate.ExitCode == 0, simulate.Error);
        var run = JsonDocument.Parse(simulate.Output).RootElement;
        Assert.True(run.GetProperty("bands").GetProperty("strong").GetInt32() > 0);
        var truth = File.ReadLines(dir.File("data/truth.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(c => (c[1], c[2]), c => c[0]);
        var hits = File.ReadLines(dir.File("hits.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.NotEmpty(hits);
        var correct = hits.Count(h => truth[(h[1], h[2])] == truth[(h[3], h[4])]);
        Assert.True(correct >= hits.Count - 1, $"{correct} of {hits.Count} hits are one vehicle");
    }

    [Fact]
    public async Task The_demo_on_vehicles_runs_six_parties_under_the_built_in_vehicle_schema()
    {
        using var dir = new TempDirectory();

        var demo = await AquilaProcess.RunAsync(dir.Path, "demo", "--type", "vehicles", "--vehicles", "300", "--seed", "3", "--json",
            "--keep", dir.File("run"));
        var withInbox = await AquilaProcess.RunAsync(dir.Path, "demo", "--type", "vehicles", "--inbox");

        Assert.True(demo.ExitCode == 0, demo.Error);
        var quality = JsonDocument.Parse(demo.Output).RootElement.GetProperty("quality").EnumerateArray().ToList();
        Assert.Equal("strong", quality[0].GetProperty("bands").GetString());
        Assert.True(quality[0].GetProperty("hits").GetInt32() > 0);
        Assert.All(quality, q => Assert.True(q.GetProperty("precision").GetDouble() > 0.95));
        Assert.True(quality[2].GetProperty("recall").GetDouble() > 0.8);
        Assert.StartsWith("record_id,plate_number,", File.ReadLines(dir.File("run/exports/RS.csv")).First(), StringComparison.Ordinal);
        Assert.Equal(2, withInbox.ExitCode);
    }
}
