namespace Aquila.Node.Lists;

/// <summary>A row of an entries or people file that could not be used: line, field and reason — never a value.</summary>
public sealed record ListEntryProblem(long Line, string? Field, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => Field is null ? $"line {Line}: {Reason}" : $"line {Line}: {Field}: {Reason}";
}
