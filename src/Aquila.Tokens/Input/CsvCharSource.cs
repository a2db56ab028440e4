using System.Text;

namespace Aquila.Tokens.Input;

/// <summary>
/// Decodes a byte stream into characters for <see cref="CsvRowParser"/>, strictly (invalid bytes are an error that
/// names the line), with a leading byte order mark removed and the possibility to replay text that has already been
/// read (used to resynchronise after an unterminated quoted field).
/// </summary>
internal sealed class CsvCharSource : IDisposable
{
    private const int ByteBufferSize = 16 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _sourceName;
    private readonly Encoding _encoding;
    private readonly Decoder _decoder;
    private readonly InvalidBytesMarker _invalidBytes = new();
    private readonly byte[] _bytes = new byte[ByteBufferSize];
    private readonly char[] _decoded;
    private readonly Stack<(char[] Chars, int Position, int Length)> _suspended = new();

    private char[] _chars;
    private int _position;
    private int _length;
    private bool _endOfStream;
    private bool _started;
    private long _lineOfNextChar = 1;
    private bool _lastCharWasCarriageReturn;
    private long? _invalidBytesLine;
    private bool _disposed;

    public CsvCharSource(Stream stream, string sourceName, Encoding encoding, bool leaveOpen)
    {
        _stream = stream;
        _sourceName = sourceName;
        _leaveOpen = leaveOpen;

        // A caller may pass a lenient encoding (Encoding.UTF8 replaces bad bytes with U+FFFD); decode strictly anyway.
        _encoding = (Encoding)encoding.Clone();
        _encoding.DecoderFallback = _invalidBytes;
        _decoder = _encoding.GetDecoder();
        _decoded = new char[_encoding.GetMaxCharCount(ByteBufferSize)];
        _chars = _decoded;
    }

    /// <summary>Total characters decoded from the stream so far (replayed text not included).</summary>
    public long CharsDecoded { get; private set; }

    /// <summary>Characters ready to be consumed without refilling; empty when a refill (or the end) is due.</summary>
    public ReadOnlySpan<char> Available => _chars.AsSpan(_position, _length - _position);

    /// <summary>Consumes <paramref name="count"/> characters of <see cref="Available"/>.</summary>
    public void Advance(int count) => _position += count;

    /// <summary>The next character without consuming it, or -1 at the end of the input.</summary>
    public int Peek() => _position < _length ? _chars[_position] : RefillAndPeek();

    /// <summary>Consumes and returns the next character, or -1 at the end of the input.</summary>
    public int Read()
    {
        var c = Peek();
        if (c >= 0)
        {
            _position++;
        }

        return c;
    }

    /// <summary>Makes <paramref name="text"/> the next characters to be read, before the rest of the input.</summary>
    public void Replay(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (_position < _length)
        {
            _suspended.Push((_chars, _position, _length));
        }

        _chars = text.ToCharArray();
        _position = 0;
        _length = _chars.Length;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private int RefillAndPeek()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            if (_suspended.Count > 0)
            {
                (_chars, _position, _length) = _suspended.Pop();
                return _chars[_position];
            }

            _chars = _decoded;
            _position = 0;
            _length = 0;
            if (_invalidBytesLine is { } line)
            {
                throw InvalidBytes(line);
            }

            if (_endOfStream)
            {
                return -1;
            }

            DecodeNextBlock();
            if (_length > 0)
            {
                return _chars[0];
            }
        }
    }

    private void DecodeNextBlock()
    {
        var count = _stream.Read(_bytes, 0, _bytes.Length);
        var offset = 0;
        if (!_started)
        {
            count = ReadStart(count);
            offset = CheckLeadingBytes(count);
            _started = true;
        }

        _endOfStream = count == 0;
        _length = _decoder.GetChars(_bytes.AsSpan(offset, count - offset), _decoded, flush: _endOfStream);
        if (_invalidBytes.Triggered)
        {
            // Hand out the text before the invalid bytes; the next refill throws with their line.
            _length = Math.Max(0, Array.IndexOf(_decoded, InvalidBytesMarker.Marker, 0, _length));
            _endOfStream = true;
            var carriageReturn = _lastCharWasCarriageReturn;
            _invalidBytesLine = _lineOfNextChar + CountLineBreaks(_decoded.AsSpan(0, _length), ref carriageReturn);
        }

        _lineOfNextChar += CountLineBreaks(_decoded.AsSpan(0, _length), ref _lastCharWasCarriageReturn);
        CharsDecoded += _length;
    }

    /// <summary>Reads until at least 3 bytes are buffered (or the stream ends) so the start of the file can be inspected.</summary>
    private int ReadStart(int count)
    {
        while (count > 0 && count < 3)
        {
            var more = _stream.Read(_bytes, count, _bytes.Length - count);
            if (more == 0)
            {
                break;
            }

            count += more;
        }

        return count;
    }

    /// <summary>Rejects byte order marks that contradict the chosen encoding; returns how many leading bytes to skip.</summary>
    private int CheckLeadingBytes(int count)
    {
        var start = _bytes.AsSpan(0, count);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new InputFormatException(_sourceName, 1, "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
        }

        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            if (_encoding.CodePage != Encoding.UTF8.CodePage)
            {
                throw new InputFormatException(_sourceName, 1,
                    $"the file starts with a UTF-8 byte order mark but the encoding is {TextEncodings.DisplayName(_encoding)}; use --encoding utf-8");
            }

            return 3;
        }

        return 0;
    }

    private InputFormatException InvalidBytes(long line)
    {
        var current = TextEncodings.DisplayName(_encoding);
        var others = new List<string>();
        foreach (var name in TextEncodings.Supported)
        {
            if (name != current)
            {
                others.Add("--encoding " + name);
            }
        }

        return new InputFormatException(_sourceName, line,
            $"bytes that are not valid {current}; the file may have another encoding, try {string.Join(" or ", others)} " +
            "(windows-1250 for Latin script with č ć š ž đ, windows-1251 for Cyrillic)");
    }

    /// <summary>Counts LF, CRLF and lone CR line breaks, carrying a trailing CR over block boundaries.</summary>
    private static long CountLineBreaks(ReadOnlySpan<char> chars, ref bool lastWasCarriageReturn)
    {
        long breaks = 0;
        foreach (var c in chars)
        {
            if (c == '\n')
            {
                if (!lastWasCarriageReturn)
                {
                    breaks++;
                }

                lastWasCarriageReturn = false;
            }
            else
            {
                if (c == '\r')
                {
                    breaks++;
                }

                lastWasCarriageReturn = c == '\r';
            }
        }

        return breaks;
    }
}
