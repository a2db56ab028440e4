using System.Text.Json;
using Aquila.Cli.Tests.Support;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Tests;

public class VehicleTokenizeTests
{
    [Fact]
    public async Task A_vehicle_schema_makes_node_tokenize_read_vehicle_records_and_inspect_names_the_type()
    {
        using var dir = new TempDirectory();
        var key = dir.File("project.key");
        await AquilaProcess.RunAsync(dir.Path, "key", "new", "--out", key);

        var tokenize = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", RepositoryFiles.PathOf("samples/vehicles.csv"),
            "--schema", RepositoryFiles.PathOf("src/Aquila.Tokens/Schema/vehicles-v1.json"), "--key-file", key, "--party", "RS",
            "--out", dir.File("rs.aqb"));
        var inspect = await AquilaProcess.RunAsync(dir.Path, "node", "inspect", dir.File("rs.aqb"), "--json");

        // The record with a plate alone builds no stage-1 key but has a stage-2 block (the vehicle schema scores): it goes in
        // as "stage 2 only", noted in the reject file but not rejected, so the run succeeds.
        Assert.True(tokenize.ExitCode == 0, tokenize.Error);
        var rejects = File.ReadAllLines(dir.File("rs.aqb.rejects.csv"));
        Assert.Equal(2, rejects.Length); // header + the record with a plate alone
        Assert.Contains("RS-V-0005", rejects[1], StringComparison.Ordinal);
        Assert.Contains("stage 2 only (not rejected)", rejects[1], StringComparison.Ordinal);
        Assert.Contains("1 record(s) went in as stage 2 only", tokenize.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(inspect.Output);
        Assert.Equal("vehicle", json.RootElement.GetProperty("record_type").GetString());
        Assert.Equal(MatchKeySchema.Vehicles.HashHex, json.RootElement.GetProperty("schema_hash").GetString());
        Assert.Equal(5, json.RootElement.GetProperty("records").GetInt32());
    }
}
