using System.Buffers;
using System.Text;

namespace Aquila.Tokens.Input;

/// <summary>
/// Splits RFC 4180 text into rows of cells: comma separators, optional double quotes with doubled quotes inside,
/// line breaks (CRLF, LF or a lone CR) inside quoted values. Cell text of the current row is kept in one reused
/// buffer, so reading a row allocates nothing. Syntax problems do not stop the parser: the row is marked with its
/// first <see cref="Problem"/>, and after an unterminated quote reading resumes on the line after the opening quote.
/// </summary>
/// <remarks>
/// Lenient where it is harmless: white space before an opening quote or after a closing quote is ignored.
/// </remarks>
internal sealed class CsvRowParser
{
    /// <summary>A quoted value longer than this is taken to be an unterminated quote (person data has no such values).</summary>
    internal const int DefaultMaxQuotedLength = 64 * 1024;

    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\r\n");

    private readonly CsvCharSource _source;
    private readonly StringBuilder _capture = new();
    private char[] _text = new char[1024];
    private int _textLength;
    private int[] _cellBounds = new int[64];

    public CsvRowParser(CsvCharSource source, int maxQuotedLength = DefaultMaxQuotedLength)
    {
        _source = source;
        MaxQuotedLength = maxQuotedLength;
    }

    private enum FieldEnd
    {
        Separator,
        RowEnd,
    }

    public int MaxQuotedLength { get; }

    /// <summary>Characters plus cells a row may hold before it is skipped as garbage (bounds memory on a broken file).</summary>
    public int MaxRowLength => MaxQuotedLength * 16;

    /// <summary>Physical line (1-based) of the next character to be read.</summary>
    public long Line { get; private set; } = 1;

    /// <summary>Physical line where the current row starts.</summary>
    public long RowLine { get; private set; }

    /// <summary>Number of cells in the current row (at least 1).</summary>
    public int CellCount { get; private set; }

    /// <summary>The first syntax problem of the current row, if any.</summary>
    public CsvRowProblem Problem { get; private set; }

    /// <summary>The raw (untrimmed, unquoted) text of cell <paramref name="index"/> of the current row.</summary>
    public ReadOnlySpan<char> Cell(int index) =>
        _text.AsSpan(_cellBounds[2 * index], _cellBounds[(2 * index) + 1] - _cellBounds[2 * index]);

    /// <summary>True when every cell of the current row is empty or white space (a blank line, or ",,,").</summary>
    public bool IsBlankRow() => _text.AsSpan(0, _textLength).IsWhiteSpace();

    /// <summary>Reads the next row; false at the end of the input.</summary>
    public bool TryReadRow()
    {
        _textLength = 0;
        CellCount = 0;
        Problem = default;
        if (_source.Peek() < 0)
        {
            return false;
        }

        RowLine = Line;
        while (ReadField() == FieldEnd.Separator)
        {
        }

        return true;
    }

    private FieldEnd ReadField()
    {
        var start = _textLength;
        var quoteAllowed = true;
        while (true)
        {
            if (CutOverlongRow())
            {
                return EndCell(start, FieldEnd.RowEnd);
            }

            var span = _source.Available;
            if (span.IsEmpty)
            {
                if (_source.Peek() < 0)
                {
                    return EndCell(start, FieldEnd.RowEnd);
                }

                continue;
            }

            var stop = span.IndexOfAny(UnquotedStops);
            var chunk = stop < 0 ? span : span[..stop];
            Append(chunk);
            _source.Advance(chunk.Length);
            if (CutOverlongRow())
            {
                return EndCell(start, FieldEnd.RowEnd);
            }

            if (stop < 0)
            {
                continue;
            }

            var c = span[stop];
            _source.Advance(1);
            switch (c)
            {
                case ',':
                    return EndCell(start, FieldEnd.Separator);
                case '\r' or '\n':
                    ConsumeLineBreak(c);
                    return EndCell(start, FieldEnd.RowEnd);
            }

            if (quoteAllowed && _text.AsSpan(start, _textLength - start).IsWhiteSpace())
            {
                _textLength = start;
                if (!ReadQuoted(start))
                {
                    return EndCell(start, FieldEnd.RowEnd);
                }

                if (AfterClosingQuote(out var end))
                {
                    return EndCell(start, end);
                }
            }
            else
            {
                Report(CsvRowProblemKind.StrayQuote, Line);
                Append("\"");
            }

            quoteAllowed = false;
        }
    }

    /// <summary>Reads a quoted value after its opening quote; false when it is never closed (the row then ends).</summary>
    private bool ReadQuoted(int start)
    {
        var openingLine = Line;
        var capturing = false;
        long captureLine = 0;
        while (true)
        {
            var span = _source.Available;
            if (span.IsEmpty)
            {
                if (_source.Peek() < 0)
                {
                    Report(CsvRowProblemKind.UnterminatedQuote, openingLine);
                    Resynchronise(capturing, captureLine);
                    return false;
                }

                continue;
            }

            var stop = span.IndexOfAny(QuotedStops);
            var chunk = stop < 0 ? span : span[..stop];
            Append(chunk);
            if (capturing)
            {
                _capture.Append(chunk);
            }

            _source.Advance(chunk.Length);
            if (_textLength - start > MaxQuotedLength)
            {
                Report(CsvRowProblemKind.UnterminatedQuote, openingLine);
                if (!capturing)
                {
                    SkipRestOfLine();
                }

                Resynchronise(capturing, captureLine);
                return false;
            }

            if (stop < 0)
            {
                continue;
            }

            var c = span[stop];
            _source.Advance(1);
            if (c == '"')
            {
                if (_source.Peek() != '"')
                {
                    return true;
                }

                _source.Advance(1);
                Append("\"");
                if (capturing)
                {
                    _capture.Append("\"\"");
                }

                continue;
            }

            var lineBreakStart = _textLength;
            Append(c == '\r' && _source.Peek() == '\n' ? "\r\n" : c == '\r' ? "\r" : "\n");
            if (_textLength - lineBreakStart == 2)
            {
                _source.Advance(1);
            }

            if (capturing)
            {
                _capture.Append(_text, lineBreakStart, _textLength - lineBreakStart);
            }
            else
            {
                // Text after the first line break inside the quotes is kept so it can be read again as rows
                // if the quote turns out never to be closed.
                capturing = true;
                _capture.Clear();
                captureLine = Line + 1;
            }

            Line++;
        }
    }

    /// <summary>After a closing quote: white space, then a separator or line end; anything else is a problem.</summary>
    private bool AfterClosingQuote(out FieldEnd end)
    {
        while (true)
        {
            var c = _source.Peek();
            switch (c)
            {
                case < 0:
                    end = FieldEnd.RowEnd;
                    return true;
                case ',':
                    _source.Advance(1);
                    end = FieldEnd.Separator;
                    return true;
                case '\r' or '\n':
                    _source.Advance(1);
                    ConsumeLineBreak((char)c);
                    end = FieldEnd.RowEnd;
                    return true;
                case ' ' or '\t':
                    _source.Advance(1);
                    continue;
                default:
                    Report(CsvRowProblemKind.TextAfterClosingQuote, Line);
                    end = default;
                    return false;
            }
        }
    }

    private void Resynchronise(bool captured, long captureLine)
    {
        if (captured && _capture.Length > 0)
        {
            _source.Replay(_capture.ToString());
            Line = captureLine;
        }
        else if (captured)
        {
            Line = captureLine;
        }

        _capture.Clear();
    }

    /// <summary>When the row has grown past the limit, reports it and skips the rest of its line.</summary>
    private bool CutOverlongRow()
    {
        if (_textLength + CellCount <= MaxRowLength)
        {
            return false;
        }

        Report(CsvRowProblemKind.RowTooLong, Line);
        SkipRestOfLine();
        return true;
    }

    private void SkipRestOfLine()
    {
        while (true)
        {
            var c = _source.Read();
            if (c < 0)
            {
                return;
            }

            if (c is '\r' or '\n')
            {
                ConsumeLineBreak((char)c);
                return;
            }
        }
    }

    /// <summary>Counts a line break whose first character has been consumed, consuming the LF of a CRLF.</summary>
    private void ConsumeLineBreak(char first)
    {
        if (first == '\r' && _source.Peek() == '\n')
        {
            _source.Advance(1);
        }

        Line++;
    }

    private void Report(CsvRowProblemKind kind, long line)
    {
        if (Problem.Kind == CsvRowProblemKind.None)
        {
            Problem = new CsvRowProblem(kind, CellCount, line);
        }
    }

    private FieldEnd EndCell(int start, FieldEnd end)
    {
        var needed = 2 * (CellCount + 1);
        if (needed > _cellBounds.Length)
        {
            Array.Resize(ref _cellBounds, _cellBounds.Length * 2);
        }

        _cellBounds[2 * CellCount] = start;
        _cellBounds[(2 * CellCount) + 1] = _textLength;
        CellCount++;
        return end;
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_textLength + chars.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + chars.Length));
        }

        chars.CopyTo(_text.AsSpan(_textLength));
        _textLength += chars.Length;
    }
}
