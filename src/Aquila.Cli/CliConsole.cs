using System.Text.Json;
using Spectre.Console;

namespace Aquila.Cli;

/// <summary>Where the command writes: results to standard output, problems to standard error.</summary>
internal static class CliConsole
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>True when a person is watching: progress bars are shown.</summary>
    public static bool Interactive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    // Problems are plain lines (never wrapped), so scripts and people can search them.
    public static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine("error: " + Sentence.OneFullStop(message));
        return exitCode;
    }

    public static void Warn(string message) => Console.Error.WriteLine("warning: " + Sentence.OneFullStop(message));

    /// <summary>
    /// Output going to a file or a pipe is not wrapped to 80 columns (Spectre.Console's default without a terminal):
    /// tables keep one line per row, however long a path or id.
    /// </summary>
    public static void UseFullWidthWhenRedirected()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 4096;
        }
    }

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
}
