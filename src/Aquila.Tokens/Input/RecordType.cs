namespace Aquila.Tokens.Input;

/// <summary>
/// What a record describes. A match-key schema names its record type; the CSV reader, column maps and the tokenizer
/// take it from there, so a project or list, which pins one schema, also pins one record type.
/// </summary>
public enum RecordType
{
    /// <summary>A person (the default: schemas without a record_type are person schemas).</summary>
    Person,

    /// <summary>A registered vehicle (Prüm vehicle registration data): plate, country, VIN, make.</summary>
    Vehicle,
}
