namespace Aquila.Cli.Commands;

/// <summary>Serial numbers as an operator types them: hex, with or without ':' separators, spaces or a 0x prefix.</summary>
internal static class CaSerialNumber
{
    /// <summary>Upper-case hex without separators or leading zeros (the form the CA's indexes use), or null when it is not hex.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var digits = text.Trim().Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        if (digits.Length == 0)
        {
            return null;
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
}
