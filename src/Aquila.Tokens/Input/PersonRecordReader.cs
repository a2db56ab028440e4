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
public sealed class PersonRecordReader : IDisposable
{
    private static readonly string RecordIdName = PersonFieldNames.CanonicalName(PersonField.RecordId);

    private readonly string _sourceName;
    private readonly CsvCharSource _source;
    private readonly CsvRowParser _parser;
    private readonly string[] _headers;
    private readonly int[] _columnOfField = new int[PersonFieldNames.Count];
    private readonly string?[] _fieldNameOfColumn;
    private readonly Dictionary<string, long> _firstLineOfId = new(StringComparer.Ordinal);

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

    internal PersonRecordReader(Stream input, string sourceName, ColumnMap map, Encoding encoding, bool leaveOpen, int maxQuotedLength)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(encoding);
        _sourceName = sourceName;
        _source = new CsvCharSource(input, sourceName, encoding, leaveOpen);
        _parser = new CsvRowParser(_source, maxQuotedLength);
        try
        {
            _headers = ReadHeaderRow();
            _fieldNameOfColumn = new string?[_headers.Length];
            MapColumns(map);
        }
        catch
        {
            _source.Dispose();
            throw;
        }
    }

    /// <summary>Data rows read so far: records and rejected rows (the header and blank lines are not counted).</summary>
    public long RowsRead { get; private set; }

    /// <summary>The trimmed header cells, in file order.</summary>
    public IReadOnlyList<string> Headers => _headers;

    /// <summary>True when the file has a column for <paramref name="field"/>.</summary>
    public bool HasColumn(PersonField field) => _columnOfField[(int)field] >= 0;

    /// <summary>
    /// Reads the next row: either a <paramref name="record"/> or, for a row that cannot be used, an
    /// <paramref name="error"/> (skip it and go on).
    /// </summary>
    /// <returns>False at the end of the file (both outputs null).</returns>
    /// <exception cref="InputFormatException">Bytes that are not valid in the encoding.</exception>
    public bool TryReadNext(out PersonRecord? record, out RecordError? error)
    {
        record = null;
        error = null;
        while (_parser.TryReadRow())
        {
            var problem = _parser.Problem;
            if (problem.Kind == CsvRowProblemKind.None && _parser.IsBlankRow())
            {
                continue;
            }

            RowsRead++;
            error = problem.Kind == CsvRowProblemKind.None ? CheckRow(out record) : Describe(problem);
            return true;
        }

        return false;
    }

    /// <summary>Closes the input unless the reader was told to leave it open.</summary>
    public void Dispose() => _source.Dispose();

    private RecordError? CheckRow(out PersonRecord? record)
    {
        record = null;
        var line = _parser.RowLine;
        var cells = _parser.CellCount;
        if (cells > _headers.Length)
        {
            return new RecordError(_sourceName, line, null, $"the row has {cells} cells but the header has {_headers.Length}");
        }

        var id = Value(PersonField.RecordId);
        if (id is null)
        {
            var reason = _columnOfField[(int)PersonField.RecordId] >= cells
                ? $"record_id is missing (the row has only {cells} cells)"
                : "record_id is blank";
            return new RecordError(_sourceName, line, RecordIdName, reason);
        }

        if (!_firstLineOfId.TryAdd(id, line))
        {
            return new RecordError(_sourceName, line, RecordIdName,
                $"duplicate record_id: the same record_id is on line {_firstLineOfId[id]}");
        }

        record = new PersonRecord
        {
            RecordId = id,
            FamilyName = Value(PersonField.FamilyName),
            GivenName = Value(PersonField.GivenName),
            FatherName = Value(PersonField.FatherName),
            Sex = Value(PersonField.Sex),
            DateOfBirth = Value(PersonField.DateOfBirth),
            PlaceOfBirth = Value(PersonField.PlaceOfBirth),
            Nationality = Value(PersonField.Nationality),
            DocumentNumber = Value(PersonField.DocumentNumber),
            NationalId = Value(PersonField.NationalId),
            SubjectCategory = Value(PersonField.SubjectCategory),
            LineNumber = line,
        };
        return null;
    }

    private string? Value(PersonField field)
    {
        var column = _columnOfField[(int)field];
        if (column < 0 || column >= _parser.CellCount)
        {
            return null;
        }

        var text = _parser.Cell(column).Trim();
        return text.IsEmpty ? null : new string(text);
    }

    private RecordError Describe(CsvRowProblem problem)
    {
        var column = DescribeColumn(problem.Column);
        var reason = problem.Kind switch
        {
            CsvRowProblemKind.UnterminatedQuote =>
                $"the quoted value in {column} opened on this line is never closed; reading resumes on the next line",
            CsvRowProblemKind.StrayQuote =>
                $"quote character inside an unquoted value in {column}; quote the whole value and double the quotes inside it",
            CsvRowProblemKind.TextAfterClosingQuote =>
                $"text after the closing quote in {column}; quote the whole value and double the quotes inside it",
            _ => $"the row is longer than {_parser.MaxRowLength} characters and was skipped to the end of its line",
        };
        var field = problem.Kind != CsvRowProblemKind.RowTooLong && problem.Column < _fieldNameOfColumn.Length
            ? _fieldNameOfColumn[problem.Column]
            : null;
        return new RecordError(_sourceName, problem.Line, field, reason);
    }

    private string DescribeColumn(int column) =>
        column < _headers.Length && _headers[column].Length > 0
            ? $"column {column + 1} ('{_headers[column]}')"
            : $"column {column + 1}";

    private string[] ReadHeaderRow()
    {
        while (_parser.TryReadRow())
        {
            if (_parser.Problem.Kind == CsvRowProblemKind.None && _parser.IsBlankRow())
            {
                continue;
            }

            if (_parser.Problem.Kind != CsvRowProblemKind.None)
            {
                throw new InputFormatException(_sourceName, _parser.Problem.Line,
                    "the header row has a quoting error (an unclosed quote or a quote inside an unquoted header)");
            }

            var headers = new string[_parser.CellCount];
            for (var i = 0; i < headers.Length; i++)
            {
                headers[i] = new string(_parser.Cell(i).Trim());
            }

            CheckDistinct(headers, _parser.RowLine);
            return headers;
        }

        throw new InputFormatException(_sourceName, null, _source.CharsDecoded == 0
            ? "the file is empty; expected a header row such as record_id,family_name,given_name,date_of_birth"
            : "the file has no header row (it contains only blank lines)");
    }

    private void CheckDistinct(string[] headers, long line)
    {
        for (var i = 0; i < headers.Length; i++)
        {
            for (var j = i + 1; j < headers.Length && headers[i].Length > 0; j++)
            {
                if (string.Equals(headers[i], headers[j], StringComparison.OrdinalIgnoreCase))
                {
                    throw new InputFormatException(_sourceName, line,
                        $"duplicate header '{headers[j]}' (columns {i + 1} and {j + 1})");
                }
            }
        }
    }

    private void MapColumns(ColumnMap map)
    {
        for (var f = 0; f < _columnOfField.Length; f++)
        {
            var header = map.HeaderFor((PersonField)f);
            _columnOfField[f] = -1;
            for (var c = 0; c < _headers.Length; c++)
            {
                if (string.Equals(_headers[c], header, StringComparison.OrdinalIgnoreCase))
                {
                    _columnOfField[f] = c;
                    _fieldNameOfColumn[c] = PersonFieldNames.CanonicalName((PersonField)f);
                    break;
                }
            }
        }

        if (_columnOfField[(int)PersonField.RecordId] < 0)
        {
            throw new InputFormatException(_sourceName, _parser.RowLine, MissingIdMessage(map.HeaderFor(PersonField.RecordId)));
        }
    }

    private string MissingIdMessage(string idHeader)
    {
        var expected = $"no column '{idHeader}' for record_id";
        if (LooksLikeData(_headers))
        {
            // Do not echo a first row that is probably a record: it would put personal data into the message.
            return $"{expected}; the first row looks like data rather than a header (it contains long numbers), add a header row";
        }

        return $"{expected}; headers found: {string.Join(", ", _headers)}. Rename the column or give a column map";
    }

    private static bool LooksLikeData(string[] cells)
    {
        foreach (var cell in cells)
        {
            var run = 0;
            foreach (var c in cell)
            {
                run = char.IsAsciiDigit(c) ? run + 1 : 0;
                if (run >= 4)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
