using System.Buffers.Binary;
using System.Text;

namespace Aquila.Security.Ceremony;

/// <summary>
/// Constants and length rules shared by the ceremony's messages and derivations (see docs/ceremony.md). All integers
/// are big-endian; strings are UTF-8 behind a length prefix so no two field sequences encode alike.
/// </summary>
internal static class CeremonyWire
{
    public const byte Version = 1;
    public const byte RegistrationType = 0x52; // 'R'
    public const byte ShareType = 0x53; // 'S'
    public const byte ConfirmationType = 0x43; // 'C'

    public const int PublicKeyLength = 32;
    public const int HashLength = 32;
    public const int SignatureLength = 64;
    public const int ShareLength = 32;
    public const int NonceLength = 12;
    public const int GcmTagLength = 16;
    public const int SealedShareLength = ShareLength + GcmTagLength;
    public const int MaxProjectIdBytes = 256;
    public const int MaxCertificateBytes = 8192;

    public static ReadOnlySpan<byte> RegistrationLabel => "aquila-ceremony-v1 registration"u8;
    public static ReadOnlySpan<byte> TranscriptLabel => "aquila-ceremony-v1 transcript"u8;
    public static ReadOnlySpan<byte> ShareAadLabel => "aquila-ceremony-v1 share"u8;
    public static ReadOnlySpan<byte> ShareKeyInfo => "aquila-share"u8;
    public static ReadOnlySpan<byte> ProjectKeyInfo => "aquila-project-key"u8;
    public static ReadOnlySpan<byte> ConfirmLabel => "confirm"u8;

    /// <summary>Checks a project id: 1-256 UTF-8 bytes, no control characters.</summary>
    public static bool IsValidProjectId(string? projectId)
    {
        if (string.IsNullOrEmpty(projectId) || Encoding.UTF8.GetByteCount(projectId) > MaxProjectIdBytes)
        {
            return false;
        }

        foreach (var c in projectId)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    public static int Str8Length(string value) => 1 + Encoding.UTF8.GetByteCount(value);

    public static int Str16Length(string value) => 2 + Encoding.UTF8.GetByteCount(value);

    public static int WriteStr8(Span<byte> destination, string value)
    {
        var length = Encoding.UTF8.GetBytes(value, destination[1..]);
        destination[0] = checked((byte)length);
        return 1 + length;
    }

    public static int WriteStr16(Span<byte> destination, string value)
    {
        var length = Encoding.UTF8.GetBytes(value, destination[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination, checked((ushort)length));
        return 2 + length;
    }

    public static int WriteBytes(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        value.CopyTo(destination);
        return value.Length;
    }
}
