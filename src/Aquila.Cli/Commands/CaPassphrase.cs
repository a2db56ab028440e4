namespace Aquila.Cli.Commands;

/// <summary>
/// Reads a key passphrase from a file (never from the command line, where other users could see it in the process
/// list). The first line is the passphrase; the line break after it is not part of it.
/// </summary>
internal static class CaPassphrase
{
    /// <summary>Returns null when no file was given.</summary>
    /// <exception cref="CaCommandError">The file is missing, unreadable or empty.</exception>
    public static string? Read(FileInfo? file)
    {
        if (file is null)
        {
            return null;
        }

        if (!file.Exists)
        {
            throw new CaCommandError(ExitCodes.BadInput, $"The passphrase file '{file.FullName}' does not exist.");
        }

        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CaCommandError(ExitCodes.BadInput, $"Cannot read the passphrase file '{file.FullName}': {e.Message}");
        }

        var passphrase = FirstLine(text);
        return passphrase.Length > 0
            ? passphrase
            : throw new CaCommandError(ExitCodes.BadInput, $"The passphrase file '{file.FullName}' is empty; its first line must hold the passphrase.");
    }

    /// <summary>The text up to the first line break (\n or \r\n), or all of it.</summary>
    public static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var line = end < 0 ? text : text[..end];
        return line.EndsWith('\r') ? line[..^1] : line;
    }
}
