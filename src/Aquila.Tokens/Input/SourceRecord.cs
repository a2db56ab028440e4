namespace Aquila.Tokens.Input;

/// <summary>
/// What every record read from a party's export has, whatever its <see cref="RecordType"/>: the party's id, the
/// data-subject category and where it was read. Records are personal data: never log one or put it into a message.
/// </summary>
public abstract class SourceRecord
{
    /// <summary>The party's identifier of the record; never blank.</summary>
    public required string RecordId { get; init; }

    /// <summary>Data-subject category (suspect, convicted, person of interest, other).</summary>
    public string? SubjectCategory { get; init; }

    /// <summary>1-based physical line of the source file where the record starts.</summary>
    public long LineNumber { get; init; }

    /// <summary>The type of record this is.</summary>
    public abstract RecordType Type { get; }
}
