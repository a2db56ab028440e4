using System.Text.Json;
using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

/// <summary>Issue 17 item 10: `--json` on the commands a script drives (synth, key new, simulate) as on the rest.</summary>
[Collection(nameof(ProcessTests))]
public class JsonOutputTests
{
    [Fact]
    public async Task Synth_key_new_and_simulate_print_json_a_script_can_read()
    {
        using var dir = new TempDirectory();

        var synth = await AquilaProcess.RunAsync(dir.Path, "synth", "--out", dir.File("data"), "--persons", "120", "--parties", "RS,BA", "--seed", "3", "--json");
        var key = await AquilaProcess.RunAsync(dir.Path, "key", "new", "--out", dir.File("dry.key"), "--json");
        var simulate = await AquilaProcess.RunAsync(dir.Path, "simulate", "--parties", dir.File("data"), "--out", dir.File("hits.csv"), "--json");

        Assert.True(synth.ExitCode == 0, synth.Error);
        var written = JsonDocument.Parse(synth.Output).RootElement;
        Assert.Equal(["RS", "BA"], written.GetProperty("parties").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("truth.csv", written.GetProperty("truth").GetString());
        Assert.True(key.ExitCode == 0, key.Error);
        Assert.Equal(dir.File("dry.key"), JsonDocument.Parse(key.Output).RootElement.GetProperty("key_file").GetString());
        Assert.True(simulate.ExitCode == 0, simulate.Error);
        var run = JsonDocument.Parse(simulate.Output).RootElement;
        Assert.Equal(2, run.GetProperty("parties").GetArrayLength());
        Assert.True(run.GetProperty("hits").GetInt32() > 0);
        Assert.Equal(File.ReadAllLines(dir.File("hits.csv")).Length - 1, run.GetProperty("hits").GetInt32());
    }
}
