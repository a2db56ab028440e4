using System.Security.Cryptography;

namespace Aquila.Security.Pki;

/// <summary>Certificate serial numbers: 16 random bytes, always written as 32 upper-case hex digits.</summary>
internal static class SerialNumbers
{
    public const int Length = 16;

    /// <summary>
    /// Draws a random positive serial. The top bit is cleared (a DER INTEGER must stay positive) and the next one
    /// set, so the encoding is always exactly 16 bytes and the hex form is stable.
    /// </summary>
    public static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(Length);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    /// <summary>
    /// Normalises a serial typed by a person or read from a file: strips ':' and spaces, upper-cases, drops leading
    /// zero digits. Returns null when it is not hex.
    /// </summary>
    public static string? Normalize(string? serial)
    {
        if (string.IsNullOrWhiteSpace(serial))
        {
            return null;
        }

        var digits = serial.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return null;
            }
        }

        digits = digits.TrimStart('0').ToUpperInvariant();
        return digits.Length == 0 ? "0" : digits;
    }

    /// <summary>Big-endian bytes of a normalised hex serial (padded to whole bytes).</summary>
    public static byte[] ToBytes(string normalizedSerial) =>
        Convert.FromHexString(normalizedSerial.Length % 2 == 0 ? normalizedSerial : "0" + normalizedSerial);

    /// <summary>Hex form of a serial given as big-endian bytes, normalised.</summary>
    public static string FromBytes(ReadOnlySpan<byte> serial) => Normalize(Convert.ToHexString(serial)) ?? "0";
}
