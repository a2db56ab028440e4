using System.Text;

namespace Aquila.Tokens.Input;

/// <summary>
/// Streams <see cref="VehicleRecord"/>s out of an RFC 4180 CSV file with a header row, with the same rules as
/// <see cref="PersonRecordReader"/>: headers matched through a <see cref="ColumnMap"/>, extra columns ignored, missing
/// optional columns null, bad rows returned as <see cref="RecordError"/>s, no message with a cell value.
/// </summary>
public sealed class VehicleRecordReader : IRecordReader
{
    private readonly CsvTable _table;

    /// <summary>Opens the reader and reads the header row; the reader disposes <paramref name="input"/>.</summary>
    /// <exception cref="InputFormatException">Empty file, no header row, no record_id column, duplicate header,
    /// invalid bytes, a column map for person records.</exception>
    public VehicleRecordReader(Stream input, string sourceName, ColumnMap map, Encoding encoding, bool leaveOpen = false) =>
        _table = new CsvTable(input, sourceName, map, encoding, leaveOpen, CsvRowParser.DefaultMaxQuotedLength, RecordType.Vehicle);

    /// <inheritdoc />
    public RecordType Type => RecordType.Vehicle;

    /// <inheritdoc />
    public long RowsRead => _table.RowsRead;

    /// <summary>True when the file has a column for <paramref name="field"/>.</summary>
    public bool HasColumn(VehicleField field) => _table.HasColumn((int)field);

    /// <summary>Reads the next row: a <paramref name="record"/> or an <paramref name="error"/> (skip it and go on).</summary>
    /// <returns>False at the end of the file.</returns>
    /// <exception cref="InputFormatException">Bytes that are not valid in the encoding.</exception>
    public bool TryReadNext(out VehicleRecord? record, out RecordError? error)
    {
        record = null;
        if (!_table.TryReadNext(out var line, out error))
        {
            return false;
        }

        if (error is null)
        {
            record = new VehicleRecord
            {
                RecordId = _table.Value((int)VehicleField.RecordId)!,
                PlateNumber = _table.Value((int)VehicleField.PlateNumber),
                RegistrationCountry = _table.Value((int)VehicleField.RegistrationCountry),
                Vin = _table.Value((int)VehicleField.Vin),
                Make = _table.Value((int)VehicleField.Make),
                Model = _table.Value((int)VehicleField.Model),
                Colour = _table.Value((int)VehicleField.Colour),
                FirstRegistrationYear = _table.Value((int)VehicleField.FirstRegistrationYear),
                SubjectCategory = _table.Value((int)VehicleField.SubjectCategory),
                LineNumber = line,
            };
        }

        return true;
    }

    /// <inheritdoc />
    bool IRecordReader.TryReadNext(out SourceRecord? record, out RecordError? error)
    {
        var more = TryReadNext(out VehicleRecord? vehicle, out error);
        record = vehicle;
        return more;
    }

    /// <inheritdoc />
    public void Dispose() => _table.Dispose();
}
