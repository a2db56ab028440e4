namespace Aquila.Tokens.Input;

/// <summary>A column map file cannot be read or is invalid; the message names the file, the problem and, where known, the line.</summary>
public sealed class ColumnMapException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ColumnMapException(string sourceName, long? lineNumber, string problem, Exception? innerException = null)
        : base(lineNumber is { } line ? $"{sourceName}: line {line}: {problem}" : $"{sourceName}: {problem}", innerException)
    {
        SourceName = sourceName;
        LineNumber = lineNumber;
    }

    /// <summary>The column map file (or other source name) concerned.</summary>
    public string SourceName { get; }

    /// <summary>1-based line in the JSON text, when known.</summary>
    public long? LineNumber { get; }
}
