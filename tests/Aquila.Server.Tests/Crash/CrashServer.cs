using System.Diagnostics;
using System.Text.Json;
using Aquila.Bench;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Server.Options;
using Grpc.Core;

namespace Aquila.Server.Tests.Crash;

/// <summary>
/// The real <c>aquila server --config FILE</c> of the crash tests: a <see cref="ServerChildProcess"/> running
/// <c>dotnet aquila.dll</c> from the test output, ready once a GetProject call succeeds (a restarted server prints
/// that it listens before the client's first call is certain to go through).
/// </summary>
internal static class CrashServer
{
    /// <summary>
    /// Writes <paramref name="options"/> (all but the port) as section "Server" of a JSON file in
    /// <paramref name="workDirectory"/>, starts the server with <c>--Server:Port=<paramref name="port"/></c>, and
    /// returns once a GetProject call by <paramref name="probe"/> succeeds.
    /// </summary>
    public static async Task<ServerChildProcess> StartAsync(ServerOptions options, int port, string workDirectory, NodeIdentity probe,
        string projectId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var server = Launch(options, port, workDirectory);
        try
        {
            await WaitUntilServingAsync(server, probe, projectId, timeout, cancellationToken);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Like <see cref="StartAsync"/>, but returns as soon as the process runs (to kill it while it starts).</summary>
    public static ServerChildProcess Launch(ServerOptions options, int port, string workDirectory)
    {
        var configPath = Path.Combine(workDirectory, "server.json");
        File.WriteAllText(configPath, JsonSerializer.Serialize(new { Server = options }));
        return ServerChildProcess.Launch(ServerChildProcess.DotnetCommand(AppContext.BaseDirectory), configPath, port, workDirectory);
    }

    private static async Task WaitUntilServingAsync(ServerChildProcess server, NodeIdentity probe, string projectId, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var channel = AquilaChannel.Create(server.Address, probe);
        var client = new Protocol.V1.Matching.MatchingClient(channel);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException(
                    $"The server process exited with code {server.ExitCode} before it served a call. Its output:\n{server.Output}");
            }

            try
            {
                await client.GetProjectAsync(new GetProjectRequest { ProjectId = projectId },
                    deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken);
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal)
            {
                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException(
                        $"The server did not answer within {timeout.TotalSeconds:F0} s ({e.StatusCode}). Its output:\n{server.Output}");
                }

                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
