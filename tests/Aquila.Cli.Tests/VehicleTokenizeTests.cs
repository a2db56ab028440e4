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

        Assert.Equal(1, tokenize.ExitCode); // written, with a rejected record
        var rejects = File.ReadAllLines(dir.File("rs.aqb.rejects.csv"));
        Assert.Equal(2, rejects.Length); // header + the record with a plate alone
        Assert.Contains("RS-V-0005", rejects[1], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(inspect.Output);
        Assert.Equal("vehicle", json.RootElement.GetProperty("record_type").GetString());
        Assert.Equal(MatchKeySchema.Vehicles.HashHex, json.RootElement.GetProperty("schema_hash").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("records").GetInt32());
    }
}
