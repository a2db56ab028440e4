using System.Text;

namespace Aquila.Tokens.Input;

/// <summary>
/// Streams <see cref="PersonRecord"/>s out of an RFC 4180 CSV file with a header row. Headers are matched to fields
/// through a <see cref="ColumnMap"/> (case-insensitive, trimmed); extra columns are ignored and missing optional
/// columns give null values. Blank lines (and rows whose cells are all blank) are skipped.
/// </summary>
/// <remarks>
/// Problems with the file as a whole throw <see cref="InputFormatException"/>: from the constructor (which reads the
/// header row), or, for bytes that are invalid in the encoding, from the <see cref="TryReadNext"/> call that reaches
/// them; every record before them has been returned by then. The exception names the physical line of the bytes. Problems with one row are returned as a
/// <see cref="RecordError"/> and reading goes on: unterminated or stray quotes, more cells than headers, a blank or
/// missing record_id, a record_id already seen in the file. No message contains a cell value.
/// </remarks>
public sealed class PersonRecordReader : IRecordReader
{
    private readonly CsvTable _table;

    /// <summary>Opens the reader and reads the header row; the reader disposes <paramref name="input"/>.</summary>
    /// <param name="input">The CSV bytes.</param>
    /// <param name="sourceName">Name of the source (usually the file path) for messages.</param>
    /// <param name="map">Which header holds which field.</param>
    /// <param name="encoding">The text encoding, see <see cref="TextEncodings.Resolve"/>; always decoded strictly.</param>
    /// <exception cref="InputFormatException">Empty file, no header row, no record_id column, duplicate header, invalid bytes.</exception>
    public PersonRecordReader(Stream input, string sourceName, ColumnMap map, Encoding encoding)
        : this(input, sourceName, map, encoding, leaveOpen: false)
    {
    }

    /// <summary>Opens the reader and reads the header row.</summary>
    /// <param name="input">The CSV bytes.</param>
    /// <param name="sourceName">Name of the source (usually the file path) for messages.</param>
    /// <param name="map">Which header holds which field.</param>
    /// <param name="encoding">The text encoding, see <see cref="TextEncodings.Resolve"/>; always decoded strictly.</param>
    /// <param name="leaveOpen">True to leave <paramref name="input"/> open when the reader is disposed.</param>
    /// <exception cref="InputFormatException">Empty file, no header row, no record_id column, duplicate header, invalid bytes.</exception>
    public PersonRecordReader(Stream input, string sourceName, ColumnMap map, Encoding encoding, bool leaveOpen)
        : this(input, sourceName, map, encoding, leaveOpen, CsvRowParser.DefaultMaxQuotedLength)
    {
    }

    internal PersonRecordReader(Stream input, string sourceName, ColumnMap map, Encoding encoding, bool leaveOpen, int maxQuotedLength) =>
        _table = new CsvTable(input, sourceName, map, encoding, leaveOpen, maxQuotedLength, RecordType.Person);

    /// <inheritdoc />
    public RecordType Type => RecordType.Person;

    /// <summary>Data rows read so far: records and rejected rows (the header and blank lines are not counted).</summary>
    public long RowsRead => _table.RowsRead;

    /// <summary>The trimmed header cells, in file order.</summary>
    public IReadOnlyList<string> Headers => _table.Headers;

    /// <summary>True when the file has a column for <paramref name="field"/>.</summary>
    public bool HasColumn(PersonField field) => _table.HasColumn((int)field);

    /// <summary>
    /// Reads the next row: either a <paramref name="record"/> or, for a row that cannot be used, an
    /// <paramref name="error"/> (skip it and go on).
    /// </summary>
    /// <returns>False at the end of the file (both outputs null).</returns>
    /// <exception cref="InputFormatException">Bytes that are not valid in the encoding.</exception>
    public bool TryReadNext(out PersonRecord? record, out RecordError? error)
    {
        record = null;
        if (!_table.TryReadNext(out var line, out error))
        {
            return false;
        }

        if (error is null)
        {
            record = new PersonRecord
            {
                RecordId = _table.Value((int)PersonField.RecordId)!,
                FamilyName = _table.Value((int)PersonField.FamilyName),
                GivenName = _table.Value((int)PersonField.GivenName),
                FatherName = _table.Value((int)PersonField.FatherName),
                Sex = _table.Value((int)PersonField.Sex),
                DateOfBirth = _table.Value((int)PersonField.DateOfBirth),
                PlaceOfBirth = _table.Value((int)PersonField.PlaceOfBirth),
                Nationality = _table.Value((int)PersonField.Nationality),
                DocumentNumber = _table.Value((int)PersonField.DocumentNumber),
                NationalId = _table.Value((int)PersonField.NationalId),
                SubjectCategory = _table.Value((int)PersonField.SubjectCategory),
                Street = _table.Value((int)PersonField.Street),
                Locality = _table.Value((int)PersonField.Locality),
                Postcode = _table.Value((int)PersonField.Postcode),
                LineNumber = line,
            };
        }

        return true;
    }

    /// <inheritdoc />
    bool IRecordReader.TryReadNext(out SourceRecord? record, out RecordError? error)
    {
        var more = TryReadNext(out PersonRecord? person, out error);
        record = person;
        return more;
    }

    /// <summary>Closes the input unless the reader was told to leave it open.</summary>
    public void Dispose() => _table.Dispose();
}
