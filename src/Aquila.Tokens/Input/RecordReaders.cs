using System.Text;

namespace Aquila.Tokens.Input;

/// <summary>Opens the reader for a record type, so callers take the type from the schema and nothing else.</summary>
public static class RecordReaders
{
    /// <summary>Opens a reader of <paramref name="type"/> records; the reader disposes <paramref name="input"/>.</summary>
    /// <exception cref="InputFormatException">Empty file, no header row, no record_id column, duplicate header, invalid
    /// bytes, or a column map written for another record type.</exception>
    public static IRecordReader Open(Stream input, string sourceName, ColumnMap map, Encoding encoding, RecordType type) => type switch
    {
        RecordType.Person => new PersonRecordReader(input, sourceName, map, encoding),
        RecordType.Vehicle => new VehicleRecordReader(input, sourceName, map, encoding),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a defined record type"),
    };
}
