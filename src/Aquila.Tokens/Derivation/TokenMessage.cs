using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Aquila.Tokens.Derivation;

/// <summary>
/// Writes the HMAC input of one token (docs/token-spec.md):
/// <c>"AQTK" ‖ u8 len(key id) ‖ key id ‖ u16be schema version ‖ u8 field count ‖ (u16be len(value) ‖ value)*</c>,
/// values in UTF-8. Length prefixes make the encoding injective: no two field lists give the same bytes.
/// </summary>
public ref struct TokenMessage
{
    /// <summary>Largest message accepted; enough for any real name and far beyond.</summary>
    public const int MaxLength = 1024;

    /// <summary>Domain tag that opens every token message.</summary>
    public static ReadOnlySpan<byte> Tag => "AQTK"u8;

    private readonly Span<byte> _buffer;
    private int _length;
    private readonly int _fieldCountOffset;
    private int _fields;

    /// <summary>Starts a message for a key in <paramref name="buffer"/> (at least <see cref="MaxLength"/> bytes is safe).</summary>
    public TokenMessage(Span<byte> buffer, ReadOnlySpan<byte> keyIdAscii, int schemaVersion)
    {
        _buffer = buffer;
        Tag.CopyTo(buffer);
        _length = Tag.Length;
        buffer[_length++] = checked((byte)keyIdAscii.Length);
        keyIdAscii.CopyTo(buffer[_length..]);
        _length += keyIdAscii.Length;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[_length..], checked((ushort)schemaVersion));
        _length += 2;
        _fieldCountOffset = _length++;
        _fields = 0;
    }

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    /// <summary>Appends one field value.</summary>
    public void Add(ReadOnlySpan<char> value)
    {
        var room = _buffer.Length - _length - 2;
        if (Encoding.UTF8.GetMaxByteCount(value.Length) > room && Encoding.UTF8.GetByteCount(value) > room)
        {
            ThrowTooLong();
        }

        var written = Encoding.UTF8.GetBytes(value, _buffer[(_length + 2)..]);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_length..], (ushort)written);
        _length += 2 + written;
        _buffer[_fieldCountOffset] = checked((byte)++_fields);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooLong() =>
        throw new ArgumentException($"A token message may not exceed {MaxLength} bytes; a field value is far too long.");
}
