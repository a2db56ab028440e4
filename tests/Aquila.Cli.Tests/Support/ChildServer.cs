using Aquila.Bench;

namespace Aquila.Cli.Tests.Support;

/// <summary>`aquila server --config FILE` from the test output as a child process, listening once returned; killed on dispose.</summary>
internal static class ChildServer
{
    public static Task<ServerChildProcess> StartAsync(string workingDirectory, string configPath, int port) =>
        ServerChildProcess.StartAsync(ServerChildProcess.DotnetCommand(AppContext.BaseDirectory), configPath, port, workingDirectory,
            logPath: null, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
}
