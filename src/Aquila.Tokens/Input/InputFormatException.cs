namespace Aquila.Tokens.Input;

/// <summary>
/// The input as a whole cannot be read: empty, no header, no record_id column, duplicate header, or bytes that are
/// not valid in the chosen encoding. The message names the source and line but never contains cell values.
/// </summary>
public sealed class InputFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="problem"/> must not contain personal data.</summary>
    public InputFormatException(string sourceName, long? lineNumber, string problem, Exception? innerException = null)
        : base(FormatMessage(sourceName, lineNumber, problem), innerException)
    {
        SourceName = sourceName;
        LineNumber = lineNumber;
    }

    /// <summary>The file (or other source) that could not be read.</summary>
    public string SourceName { get; }

    /// <summary>1-based line of the problem, when it has one.</summary>
    public long? LineNumber { get; }

    private static string FormatMessage(string sourceName, long? lineNumber, string problem) =>
        lineNumber is { } line ? $"{sourceName}: line {line}: {problem}" : $"{sourceName}: {problem}";
}
