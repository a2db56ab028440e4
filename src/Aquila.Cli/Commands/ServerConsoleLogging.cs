using Microsoft.Extensions.Logging;

namespace Aquila.Cli.Commands;

/// <summary>
/// The server's console log: one plain line per entry by default; with Logging:Console:FormatterName=json one JSON object per
/// line (timestamp, level, category, event id, message and its named values) for a log shipper.
/// </summary>
internal static class ServerConsoleLogging
{
    private const string Timestamp = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static ILoggingBuilder Configure(ILoggingBuilder logging, string? formatterName)
    {
        if (string.Equals(formatterName, "json", StringComparison.OrdinalIgnoreCase))
        {
            return logging.AddJsonConsole(console =>
            {
                console.TimestampFormat = Timestamp;
                console.UseUtcTimestamp = true;
                console.IncludeScopes = false;
            });
        }

        return logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = Timestamp + " ";
            console.UseUtcTimestamp = true;
        });
    }
}
