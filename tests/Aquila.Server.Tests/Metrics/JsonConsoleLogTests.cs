using System.Diagnostics;
using System.Text.Json;
using Aquila.Bench;
using Aquila.Node;
using Aquila.Server.Options;
using Grpc.Core;

namespace Aquila.Server.Tests.Metrics;

/// <summary>
/// <c>aquila server</c> as a child process with <c>Logging:Console:FormatterName=json</c>: every line it prints while a
/// small project runs (batches with canary names, a hit, a refused party) is one JSON object with an event name, and none
/// carries a name, date of birth or record id.
/// </summary>
[Collection(nameof(ServerCollection))]
public class JsonConsoleLogTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    private static readonly string[] Canaries =
        ["Zorblethwick", "Quillvarenne", "Threnodiast", "CANARY-RS-55101", "CANARY-BA-55102", "1911-11-19", "19.11.1911", "Pliskavograd"];

    [Fact]
    public async Task With_the_json_formatter_every_line_is_a_JSON_object_with_an_event_name_and_no_personal_data()
    {
        using var directory = new TempDirectory();
        var options = LocalServerOptions.For(fixture.Pki, directory.Path);
        options.Projects = [new ProjectOptions { Id = ServerFixture.Project, Parties = ["RS", "BA", "ME"] }];
        var config = directory.File("server.json");
        await File.WriteAllTextAsync(config,
            JsonSerializer.Serialize(new { Server = options, Logging = new { Console = new { FormatterName = "json" } } }), Cancel);
        await using var server = await ServerChildProcess.StartAsync(ServerChildProcess.DotnetCommand(AppContext.BaseDirectory), config,
            LoopbackPorts.Take(), directory.Path, logPath: null, TimeSpan.FromSeconds(60), Cancel);

        await RunProjectAsync(server.Address);
        var output = await WaitForAsync(server, o => Count(o, "\"BatchAccepted\"") >= 2 && o.Contains("\"PermissionDenied\"", StringComparison.Ordinal));

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var texts = new List<string>();
        foreach (var line in lines)
        {
            using var entry = ParseOrFail(line);
            var root = entry.RootElement;
            Assert.True(root.TryGetProperty("EventName", out var name), "no EventName: " + line);
            if (root.GetProperty("Category").GetString()!.StartsWith("Aquila", StringComparison.Ordinal))
            {
                Assert.False(string.IsNullOrEmpty(name.GetString()), "an Aquila event without a name: " + line);
            }

            Collect(root, texts);
        }

        Assert.Contains(lines, l => l.Contains("\"EventName\":\"Listening\"", StringComparison.Ordinal));
        var decoded = string.Join("\n", texts);
        Assert.All(Canaries, canary => Assert.DoesNotContain(canary, decoded, StringComparison.OrdinalIgnoreCase));
        Assert.All(Canaries, canary => Assert.DoesNotContain(canary, output, StringComparison.OrdinalIgnoreCase));
    }

    private async Task RunProjectAsync(Uri address)
    {
        var rs = fixture.Tokenize("RS", "CANARY-RS-55101,Zorblethwick,Quillvarenne,Threnodiast,M,19.11.1911.,Pliskavograd,SRB,,,suspect");
        var ba = fixture.Tokenize("BA", "CANARY-BA-55102,Zorblethwick,Quillvarenne,Threnodiast,M,1911-11-19,Pliskavograd,SRB,,,suspect");
        using var rsNode = NodeIdentity.Load(fixture.Identities["RS"]);
        using var baNode = NodeIdentity.Load(fixture.Identities["BA"]);
        using var alNode = NodeIdentity.Load(fixture.Identities["AL"]);
        using var rsChannel = AquilaChannel.Create(address, rsNode);
        using var baChannel = AquilaChannel.Create(address, baNode);
        using var alChannel = AquilaChannel.Create(address, alNode);
        await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(rsChannel)).SubmitAsync(rs, null, Cancel);
        await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(baChannel)).SubmitAsync(ba, null, Cancel);
        await Assert.ThrowsAsync<RpcException>(() => new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(alChannel))
            .SubmitAsync(fixture.Tokenize("AL", "AL-1,Hoxha,Arben,,M,1970-01-02,,AL,,,suspect"), null, Cancel));
    }

    // The console logger writes from a queue of its own: the lines of the work arrive shortly after it.
    private static async Task<string> WaitForAsync(ServerChildProcess server, Func<string, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (!done(server.Output) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100, Cancel);
        }

        return server.Output;
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static JsonDocument ParseOrFail(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException("not a JSON line: " + line + " (" + e.Message + ")");
        }
    }

    private static void Collect(JsonElement element, List<string> texts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, texts);
                }

                break;
            case JsonValueKind.String:
                texts.Add(element.GetString()!);
                break;
        }
    }
}
