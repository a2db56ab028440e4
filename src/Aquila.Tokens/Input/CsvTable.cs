using System.Text;

namespace Aquila.Tokens.Input;

/// <summary>
/// The CSV machinery every record reader shares: the header row, the columns of a record type's fields through a
/// <see cref="ColumnMap"/>, and the per-row checks (cell count, a present and unique record_id). Field 0 of every
/// record type is record_id. No message contains a cell value.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private const string RecordIdName = "record_id";

    private readonly string _sourceName;
    private readonly CsvCharSource _source;
    private readonly CsvRowParser _parser;
    private readonly string[] _headers;
    private readonly IReadOnlyList<string> _fieldNames;
    private readonly int[] _columnOfField;
    private readonly string?[] _fieldNameOfColumn;
    private readonly Dictionary<string, long> _firstLineOfId = new(StringComparer.Ordinal);

    public CsvTable(Stream input, string sourceName, ColumnMap map, Encoding encoding, bool leaveOpen, int maxQuotedLength, RecordType type)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(encoding);
        if (!map.Fits(type))
        {
            throw new InputFormatException(sourceName, null,
                $"the column map names fields that {RecordTypes.Name(type)} records do not have; the schema's record type is {RecordTypes.Name(type)}");
        }

        _sourceName = sourceName;
        _fieldNames = RecordTypes.FieldNames(type);
        _columnOfField = new int[_fieldNames.Count];
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

    public long RowsRead { get; private set; }

    public IReadOnlyList<string> Headers => _headers;

    public bool HasColumn(int field) => _columnOfField[field] >= 0;

    /// <summary>
    /// Reads the next data row. True with a null <paramref name="error"/>: a usable row whose values
    /// <see cref="Value"/> returns, starting on line <paramref name="line"/>. True with an error: skip the row.
    /// </summary>
    public bool TryReadNext(out long line, out RecordError? error)
    {
        line = 0;
        error = null;
        while (_parser.TryReadRow())
        {
            var problem = _parser.Problem;
            if (problem.Kind == CsvRowProblemKind.None && _parser.IsBlankRow())
            {
                continue;
            }

            RowsRead++;
            line = _parser.RowLine;
            error = problem.Kind == CsvRowProblemKind.None ? CheckRow() : Describe(problem);
            return true;
        }

        return false;
    }

    /// <summary>The trimmed value of <paramref name="field"/> in the current row; null when absent or blank.</summary>
    public string? Value(int field)
    {
        var column = _columnOfField[field];
        if (column < 0 || column >= _parser.CellCount)
        {
            return null;
        }

        var text = _parser.Cell(column).Trim();
        return text.IsEmpty ? null : new string(text);
    }

    public void Dispose() => _source.Dispose();

    private RecordError? CheckRow()
    {
        var line = _parser.RowLine;
        var cells = _parser.CellCount;
        if (cells > _headers.Length)
        {
            return new RecordError(_sourceName, line, null, $"the row has {cells} cells but the header has {_headers.Length}");
        }

        var id = Value(0);
        if (id is null)
        {
            var reason = _columnOfField[0] >= cells
                ? $"record_id is missing (the row has only {cells} cells)"
                : "record_id is blank";
            return new RecordError(_sourceName, line, RecordIdName, reason);
        }

        if (!_firstLineOfId.TryAdd(id, line))
        {
            return new RecordError(_sourceName, line, RecordIdName,
                $"duplicate record_id: the same record_id is on line {_firstLineOfId[id]}");
        }

        return null;
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

        var example = string.Join(',', _fieldNames.Take(4));
        throw new InputFormatException(_sourceName, null, _source.CharsDecoded == 0
            ? $"the file is empty; expected a header row such as {example}"
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
            var header = map.HeaderFor(_fieldNames[f]);
            _columnOfField[f] = -1;
            for (var c = 0; c < _headers.Length; c++)
            {
                if (string.Equals(_headers[c], header, StringComparison.OrdinalIgnoreCase))
                {
                    _columnOfField[f] = c;
                    _fieldNameOfColumn[c] = _fieldNames[f];
                    break;
                }
            }
        }

        if (_columnOfField[0] < 0)
        {
            throw new InputFormatException(_sourceName, _parser.RowLine, MissingIdMessage(map.HeaderFor(RecordIdName)));
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
