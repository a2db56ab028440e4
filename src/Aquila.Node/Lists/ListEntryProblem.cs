namespace Aquila.Node.Lists;

/// <summary>A row of an entries or people file that could not be used: line, field and reason — never a value.</summary>
public sealed record ListEntryProblem(long Line, string? Field, string Reason)
{
    /// <inheritdoc />
    /// <remarks>A record that came from no file (a query given as options, line 0) is named without a line.</remarks>
    public override string ToString()
    {
        var what = Field is null ? Reason : $"{Field}: {Reason}";
        return Line > 0 ? $"line {Line}: {what}" : what;
    }
}
