namespace Aquila.Tokens.Input;

/// <summary>Writes RFC 4180 cells: quoted when they hold a comma, a quote, a line break or an edge space.</summary>
public static class CsvCell
{
    /// <summary>Writes one cell (nothing for null or empty).</summary>
    public static void Write(TextWriter writer, string? cell)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (string.IsNullOrEmpty(cell))
        {
            return;
        }

        if (!NeedsQuotes(cell))
        {
            writer.Write(cell);
            return;
        }

        writer.Write('"');
        writer.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>The cell as it is written.</summary>
    public static string Escape(string? cell) =>
        string.IsNullOrEmpty(cell) ? "" : NeedsQuotes(cell) ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static bool NeedsQuotes(string cell) => cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || cell[0] == ' ' || cell[^1] == ' ';
}
