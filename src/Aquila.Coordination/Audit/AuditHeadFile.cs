namespace Aquila.Coordination.Audit;

/// <summary>
/// A text file of saved heads, one <c>"&lt;sequence&gt; &lt;64 hex digits&gt;"</c> per line (<see cref="AuditHead.ToString"/>);
/// blank lines and lines starting with '#' are ignored. Nodes append the heads of their receipts; the auditor passes the
/// files to <see cref="AuditChainVerifier.Verify"/>.
/// </summary>
public static class AuditHeadFile
{
    /// <summary>Reads every head in the file.</summary>
    /// <exception cref="FormatException">A line is not a head; the message gives the line number.</exception>
    public static IReadOnlyList<AuditHead> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads every head from <paramref name="reader"/>; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="FormatException">A line is not a head; the message gives the line number.</exception>
    public static IReadOnlyList<AuditHead> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var heads = new List<AuditHead>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty || text[0] == '#')
            {
                continue;
            }

            if (!AuditHead.TryParse(line, out var head))
            {
                throw new FormatException(
                    $"{source}, line {lineNumber}: expected a sequence number and a 64-digit hex hash, e.g. \"42 9f86d081…\".");
            }

            heads.Add(head);
        }

        return heads;
    }

    /// <summary>Appends one head as a line to the file, creating it when missing.</summary>
    public static void Append(string path, AuditHead head) =>
        File.AppendAllText(path, head.ToString() + "\n");
}
