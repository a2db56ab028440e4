using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Aquila.Cli.Commands;

/// <summary>
/// The server's console log: one plain line per entry by default; with Logging:Console:FormatterName=json one JSON object per
/// line (timestamp, level, category, event id and name, message and its named values) for a log shipper
/// (<see cref="JsonLineConsoleFormatter"/>).
/// </summary>
internal static class ServerConsoleLogging
{
    private const string Timestamp = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static ILoggingBuilder Configure(ILoggingBuilder logging, string? formatterName)
    {
        if (string.Equals(formatterName, "json", StringComparison.OrdinalIgnoreCase))
        {
            return logging
                .AddConsole(console => console.FormatterName = JsonLineConsoleFormatter.FormatterName)
                .AddConsoleFormatter<JsonLineConsoleFormatter, ConsoleFormatterOptions>();
        }

        return logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = Timestamp + " ";
            console.UseUtcTimestamp = true;
        });
    }
}
