namespace Aquila.Synthetic;

/// <summary>RFC 4180 cells: quoted when they hold a comma, a quote, a line break or edge spaces.</summary>
internal static class CsvText
{
    public static void WriteRow(TextWriter writer, ReadOnlySpan<string?> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            WriteCell(writer, cells[i]);
        }

        writer.Write("\r\n");
    }

    public static void WriteCell(TextWriter writer, string? cell) => Aquila.Tokens.Input.CsvCell.Write(writer, cell);
}
