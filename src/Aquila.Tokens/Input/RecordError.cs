namespace Aquila.Tokens.Input;

/// <summary>
/// A row of the input that could not be read as a record; the reader skips it and goes on.
/// <see cref="Reason"/> never contains cell values, only field names, line numbers and counts.
/// </summary>
/// <param name="SourceName">The file (or other source) the row came from.</param>
/// <param name="LineNumber">1-based physical line where the problem starts.</param>
/// <param name="Field">Canonical snake_case name of the field concerned, or null.</param>
/// <param name="Reason">What is wrong.</param>
public sealed record RecordError(string SourceName, long LineNumber, string? Field, string Reason);
