using System.Collections.Frozen;

namespace Aquila.Tokens.Normalization.Vehicles;

/// <summary>
/// Country of registration as ISO 3166-1 alpha-2, from the international distinguishing sign on the plate's oval or
/// band (SRB, MNE, BIH, NMK and the older MK, AL, RKS, SLO, A, D, H, ...), written in Latin or Cyrillic (СРБ, МНЕ), or
/// else from anything <see cref="IdentifierNormalizer.Country"/> reads (ISO alpha-2 and alpha-3 codes, XK, names).
/// </summary>
public static class RegistrationCountries
{
    // Distinguishing signs of the UN conventions on road traffic (1949, 1968), as registered with the UN Secretary-General.
    // Only those that differ from the ISO codes CountryTable already reads, or that read differently there, are needed;
    // the region's are listed all the same, for the reader.
    private static readonly FrozenDictionary<string, string> Ovals = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SRB"] = "RS", ["MNE"] = "ME", ["BIH"] = "BA", ["NMK"] = "MK", ["MK"] = "MK", ["AL"] = "AL", ["RKS"] = "XK",
        ["HR"] = "HR", ["SLO"] = "SI", ["A"] = "AT", ["D"] = "DE", ["H"] = "HU", ["I"] = "IT", ["F"] = "FR", ["B"] = "BE",
        ["E"] = "ES", ["P"] = "PT", ["S"] = "SE", ["N"] = "NO", ["L"] = "LU", ["FIN"] = "FI", ["IRL"] = "IE", ["GB"] = "GB",
        ["UK"] = "GB", ["USA"] = "US", ["CH"] = "CH", ["BG"] = "BG", ["RO"] = "RO", ["MD"] = "MD", ["GR"] = "GR", ["TR"] = "TR",
        ["NL"] = "NL", ["CZ"] = "CZ", ["SK"] = "SK", ["PL"] = "PL", ["DK"] = "DK", ["UA"] = "UA", ["RUS"] = "RU",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // An oval sign written in Cyrillic, letter for letter (ЦХ → CH, which the name fold would read as C).
    private const string CyrillicSignLetters = "АABBВVГGДDЕEЗZИIЈJКKЛLМMНNОOПPРRСSТTУUФFХHЦC";

    /// <summary>The alpha-2 code; "" when blank; null when not recognised.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return string.Empty;
        }

        // Letters only, in Latin (СРБ → SRB; "S.R.B." → SRB); ASCII is taken as it is (the name fold would turn CH into C).
        var letters = System.Text.Ascii.IsValid(raw)
            ? new string([.. raw.Where(char.IsAsciiLetter).Select(char.ToUpperInvariant)])
            : NameNormalizer.Canonical(raw).Replace(" ", "", StringComparison.Ordinal);
        if (letters.Length is >= 1 and <= 3 && Ovals.TryGetValue(letters, out var byOval))
        {
            return byOval;
        }

        if (SignInLatin(raw) is { } sign && Ovals.TryGetValue(sign, out var byCyrillicOval))
        {
            return byCyrillicOval;
        }

        return IdentifierNormalizer.Country(raw) is { Length: > 0 } code ? code
            : letters.Length is >= 2 and <= 3 ? IdentifierNormalizer.Country(letters) is { Length: > 0 } latin ? latin : null
            : null;
    }

    // The raw text as a Latin oval sign when it is one to three Cyrillic sign letters (spaces and dots dropped), or null.
    private static string? SignInLatin(string raw)
    {
        Span<char> sign = stackalloc char[3];
        var length = 0;
        foreach (var c in raw)
        {
            if (c is ' ' or '.')
            {
                continue;
            }

            var at = CyrillicSignLetters.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (at < 0 || at % 2 != 0 || length == sign.Length)
            {
                return null;
            }

            sign[length++] = CyrillicSignLetters[at + 1];
        }

        return length == 0 ? null : new string(sign[..length]);
    }
}
