using System.Buffers.Binary;
using System.Text;

namespace Aquila.Security.Ceremony;

/// <summary>Strict reader of a relayed message: every read is bounds-checked and a short or odd field is a <see cref="CeremonyFailureKind.MalformedMessage"/>.</summary>
internal ref struct CeremonyReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _message;
    private int _position;

    public CeremonyReader(ReadOnlySpan<byte> data, string message)
    {
        _data = data;
        _message = message;
    }

    /// <summary>Checks the type and version bytes.</summary>
    public void ReadHeader(byte type)
    {
        var actualType = ReadByte("message type");
        if (actualType != type)
        {
            throw Malformed($"it is not a {_message} (type byte 0x{actualType:X2})");
        }

        var version = ReadByte("version");
        if (version != CeremonyWire.Version)
        {
            throw Malformed($"its version {version} is not supported (expected {CeremonyWire.Version})");
        }
    }

    public byte ReadByte(string field)
    {
        if (_position >= _data.Length)
        {
            throw Malformed($"it ends before its {field}");
        }

        return _data[_position++];
    }

    public ReadOnlySpan<byte> ReadFixed(int length, string field)
    {
        if (_data.Length - _position < length)
        {
            throw Malformed($"it ends inside its {field}");
        }

        var span = _data.Slice(_position, length);
        _position += length;
        return span;
    }

    public ReadOnlySpan<byte> ReadBytes16(int min, int max, string field)
    {
        var lengthBytes = ReadFixed(2, field + " length");
        int length = BinaryPrimitives.ReadUInt16BigEndian(lengthBytes);
        if (length < min || length > max)
        {
            throw Malformed($"its {field} length {length} is outside {min}-{max}");
        }

        return ReadFixed(length, field);
    }

    public string ReadPartyCode(string field)
    {
        int length = ReadByte(field + " length");
        var text = Decode(ReadFixed(length, field), field);
        if (!PartyCode.IsValid(text))
        {
            throw Malformed($"its {field} is not a party code of two or three upper-case letters");
        }

        return text;
    }

    public string ReadProjectId()
    {
        var text = Decode(ReadBytes16(1, CeremonyWire.MaxProjectIdBytes, "project id"), "project id");
        if (!CeremonyWire.IsValidProjectId(text))
        {
            throw Malformed("its project id holds control characters");
        }

        return text;
    }

    public readonly void ExpectEnd()
    {
        if (_position != _data.Length)
        {
            throw Malformed($"{_data.Length - _position} unexpected bytes follow its last field");
        }
    }

    private readonly string Decode(ReadOnlySpan<byte> bytes, string field)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed($"its {field} is not UTF-8");
        }
    }

    private readonly CeremonyException Malformed(string why) =>
        new(CeremonyFailureKind.MalformedMessage, null, $"A relayed {_message} is malformed: {why}. The relay or the network corrupted it.");
}
