namespace Aquila.Cli.Evaluation;

/// <summary>
/// Reads the small evaluation files (truth.csv, variations.csv): RFC 4180 rows with a header, quoted cells allowed,
/// no line breaks inside cells (record ids and variation names have none).
/// </summary>
internal static class SimpleCsv
{
    /// <summary>The rows after the header, each with exactly <paramref name="header"/>'s columns, in that order.</summary>
    public static IEnumerable<string[]> Read(string path, params string[] header)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        var first = reader.ReadLine() ?? throw new FormatException($"'{path}' is empty; expected the header {string.Join(',', header)}.");
        var columns = Split(first.TrimStart('\uFEFF'));
        var positions = new int[header.Length];
        for (var i = 0; i < header.Length; i++)
        {
            positions[i] = Array.FindIndex(columns, c => string.Equals(c.Trim(), header[i], StringComparison.OrdinalIgnoreCase));
            if (positions[i] < 0)
            {
                throw new FormatException($"'{path}' has no column '{header[i]}'; expected the header {string.Join(',', header)}.");
            }
        }

        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var cells = Split(text);
            var row = new string[header.Length];
            for (var i = 0; i < header.Length; i++)
            {
                if (positions[i] >= cells.Length)
                {
                    throw new FormatException($"'{path}' line {line}: {cells.Length} cell(s), expected {columns.Length}.");
                }

                row[i] = cells[positions[i]];
            }

            yield return row;
        }
    }

    internal static string[] Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }
}
