using System.Text;

namespace Aquila.Tokens.Input;

/// <summary>
/// Resolves the names accepted by <c>--encoding</c> to strict encodings: bytes that are not valid in the encoding
/// are an error, never silently replaced.
/// </summary>
public static class TextEncodings
{
    private const string Utf8Name = "utf-8";
    private const string Windows1250Name = "windows-1250";
    private const string Windows1251Name = "windows-1251";

    private static readonly string[] SupportedNames = [Utf8Name, Windows1250Name, Windows1251Name];

    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The canonical names: utf-8 (the default), windows-1250 (Central European Latin), windows-1251 (Cyrillic).</summary>
    public static IReadOnlyList<string> Supported => SupportedNames;

    /// <summary>
    /// Resolves <paramref name="name"/> case-insensitively: null or blank and "utf-8"/"utf8" give strict UTF-8 (a byte
    /// order mark is optional); "windows-1250"/"cp1250" and "windows-1251"/"cp1251" give the Windows code pages.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not supported; the message lists the supported names.</exception>
    public static Encoding Resolve(string? name)
    {
        var key = name?.Trim() ?? string.Empty;
        if (key.Length == 0 || Is(key, Utf8Name) || Is(key, "utf8"))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        }

        if (Is(key, Windows1250Name) || Is(key, "cp1250"))
        {
            return Encoding.GetEncoding(1250, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }

        if (Is(key, Windows1251Name) || Is(key, "cp1251"))
        {
            return Encoding.GetEncoding(1251, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }

        throw new ArgumentException(
            $"unsupported encoding '{key}'; supported: {string.Join(", ", SupportedNames)} (also utf8, cp1250, cp1251)",
            nameof(name));
    }

    /// <summary>A short name for messages: the canonical name when the encoding is one of ours.</summary>
    internal static string DisplayName(Encoding encoding) => encoding.CodePage switch
    {
        65001 => Utf8Name,
        1250 => Windows1250Name,
        1251 => Windows1251Name,
        _ => encoding.WebName,
    };

    private static bool Is(string value, string name) => string.Equals(value, name, StringComparison.OrdinalIgnoreCase);
}
