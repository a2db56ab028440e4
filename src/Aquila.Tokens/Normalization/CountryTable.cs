using System.Collections.Frozen;

namespace Aquila.Tokens.Normalization;

/// <summary>
/// Country codes and names for <see cref="IdentifierNormalizer.Country"/>. Codes are matched on their ASCII letters,
/// upper-cased; names on their <see cref="NameNormalizer.Canonical"/> form with the spaces removed, so case, script,
/// diacritics, spacing and punctuation do not matter ("Bosna i Hercegovina" = "BOSNA I HERCEGOVINA" = "Босна и
/// Херцеговина").
/// </summary>
internal static class CountryTable
{
    private const int MaxNameChars = 64;

    private static readonly FrozenDictionary<string, string> s_codes = BuildCodes();
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_codeLookup =
        s_codes.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, string> s_names = BuildNames();
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_nameLookup =
        s_names.GetAlternateLookup<ReadOnlySpan<char>>();

    internal static string? Find(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return string.Empty;
        }

        var text = raw.AsSpan().Trim();
        if (text.Length > MaxNameChars)
        {
            return null;
        }

        // Codes first, on their letters only ("b.i.h." is BIH): a name fold would turn CHN into CN or SHN into SN.
        Span<char> letters = stackalloc char[MaxNameChars];
        var letterCount = 0;
        var onlyAsciiAndPunctuation = true;
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                letters[letterCount++] = char.ToUpperInvariant(c);
            }
            else if (char.IsLetterOrDigit(c))
            {
                onlyAsciiAndPunctuation = false;
            }
        }

        if (onlyAsciiAndPunctuation && letterCount is >= 1 and <= 3
            && s_codeLookup.TryGetValue(letters[..letterCount], out var byCode))
        {
            return byCode;
        }

        Span<char> canonical = stackalloc char[NameNormalizer.GetMaxCanonicalLength(MaxNameChars)];
        var length = NameNormalizer.WriteCanonical(text, canonical);
        var key = RemoveSpaces(canonical[..length]);
        return s_nameLookup.TryGetValue(key, out var byName) ? byName : null;
    }

    private static Span<char> RemoveSpaces(Span<char> text)
    {
        var length = 0;
        foreach (var c in text)
        {
            if (c != ' ')
            {
                text[length++] = c;
            }
        }

        return text[..length];
    }

    private static FrozenDictionary<string, string> BuildCodes()
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in CountryData.IsoCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var alpha2 = entry[..2];
            codes.Add(alpha2, alpha2);
            codes.Add(entry[3..], alpha2);
        }

        foreach (var (alias, alpha2) in CountryData.CodeAliases)
        {
            codes.Add(alias, alpha2);
        }

        return codes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, string> BuildNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (alpha2, list) in CountryData.Names)
        {
            foreach (var name in list.Split('|'))
            {
                var key = NameNormalizer.Canonical(name).Replace(" ", string.Empty, StringComparison.Ordinal);
                if (names.TryGetValue(key, out var existing) && existing != alpha2)
                {
                    throw new InvalidOperationException(
                        $"Country name table: one folded name maps to both {existing} and {alpha2}.");
                }

                names[key] = alpha2;
            }
        }

        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
