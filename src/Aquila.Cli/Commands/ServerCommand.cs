using System.CommandLine;
using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila server --config FILE</c>: runs the central server until Ctrl+C / SIGTERM.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config", "-c")
        {
            Description = "Server configuration (JSON, section \"Server\"). Default: appsettings.json here, if present. "
                + "Environment variables AQUILA__Server__Port=... and arguments --Server:Port=... override it.",
        };
        var command = new Command("server", "Run the central matcher: mutual-TLS gRPC, durable store, audit chain.") { config };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            ServerOptions options;
            try
            {
                options = Bind(parse.GetValue(config)?.FullName, parse.UnmatchedTokens);
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or InvalidOperationException or FormatException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            AquilaServer started;
            var formatter = ConsoleFormatterName(parse.GetValue(config)?.FullName, parse.UnmatchedTokens);
            // JSON lines only on the console for a log shipper: the log's own Listening event says where the server listens.
            var plainLines = !string.Equals(formatter, "json", StringComparison.OrdinalIgnoreCase);
            try
            {
                started = await AquilaServer.StartAsync(options, logging => ServerConsoleLogging.Configure(logging, formatter)
                    .SetMinimumLevel(LogLevel.Information), cancellationToken);
            }
            catch (IOException e)
            {
                // A read-only or missing data directory: the message names it and says what to do.
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }
            catch (ServerStartRefusedException e)
            {
                // A declared project that would shadow a coordinated one, or a CRL older than one already used.
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            await using var server = started;
            if (plainLines)
            {
                Console.Out.WriteLine($"Aquila server listening on {server.Address} (Ctrl+C to stop).");
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                if (plainLines)
                {
                    Console.Out.WriteLine("Stopping.");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Logging:Console:FormatterName from the same sources as <see cref="Bind"/> ("json" for JSON lines), or null.</summary>
    internal static string? ConsoleFormatterName(string? configPath, IReadOnlyList<string> overrides) =>
        Configuration(configPath, overrides)["Logging:Console:FormatterName"];

    /// <summary>
    /// Configuration file, then AQUILA__ environment variables, then --Key=Value arguments; checked by the
    /// <see cref="ServerOptionsValidator"/> (as the server checks them again when it starts).
    /// </summary>
    internal static ServerOptions Bind(string? configPath, IReadOnlyList<string> overrides)
    {
        var options = new ServerOptions();
        Configuration(configPath, overrides).GetSection("Server").Bind(options);
        ServerOptionsValidator.ThrowIfInvalid(options);
        return options;
    }

    private static IConfigurationRoot Configuration(string? configPath, IReadOnlyList<string> overrides)
    {
        var builder = new ConfigurationBuilder();
        if (configPath is not null)
        {
            if (!File.Exists(configPath))
            {
                throw new FileNotFoundException($"Configuration file '{configPath}' does not exist.");
            }

            builder.AddJsonFile(configPath, optional: false);
        }
        else if (File.Exists("appsettings.json"))
        {
            builder.AddJsonFile(Path.GetFullPath("appsettings.json"), optional: false);
        }

        builder.AddEnvironmentVariables("AQUILA__");
        builder.AddCommandLine([.. overrides]);
        return builder.Build();
    }
}
