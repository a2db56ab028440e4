using System.Diagnostics;
using System.Text.Json;

namespace Aquila.Server.Tests;

/// <summary>
/// A client that is not .NET — grpc-js on Node.js (tests/interop/client.js) — calls the server with a node
/// certificate: the mutual-TLS setup and the gRPC contract work for any standard client.
/// </summary>
[Collection(nameof(ServerCollection))]
public class InteropTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_grpc_js_client_calls_health_and_matching_with_its_certificate()
    {
        var interop = RepositoryFiles.PathOf("tests/interop");
        Assert.SkipUnless(await RunAsync("node", "--version", interop) is (0, _), "Node.js is not installed here");
        if (!Directory.Exists(Path.Combine(interop, "node_modules")))
        {
            var (install, output) = await RunAsync("npm", "ci --no-audit --no-fund", interop);
            Assert.True(install == 0, "npm ci failed: " + output);
        }

        var (exit, reply) = await RunAsync("node",
            $"client.js 127.0.0.1:{fixture.Server.Address.Port} \"{fixture.Identities["BA"]}\" {ServerFixture.Project} \"{RepositoryFiles.PathOf("proto")}\"",
            interop);

        Assert.True(exit == 0, reply);
        using var json = JsonDocument.Parse(reply);
        Assert.Equal("SERVING", json.RootElement.GetProperty("health").GetString());
        Assert.Equal(["RS", "BA", "ME"], json.RootElement.GetProperty("parties").EnumerateArray().Select(p => p.GetString()));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string arguments, string directory)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(3));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, (await output).Trim() + (await error).Trim());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, program + " not found");
        }
    }
}
