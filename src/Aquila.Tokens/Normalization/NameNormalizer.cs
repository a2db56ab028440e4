using System.Buffers;

namespace Aquila.Tokens.Normalization;

/// <summary>
/// Canonical forms of name fields (family, given, father's name, place of birth) for Western Balkan person records,
/// so that Cyrillic and Latin, Serbian, Macedonian and Albanian spellings of one name compare equal.
/// </summary>
/// <remarks>
/// <para><b><see cref="Canonical"/> folding rules</b>, applied in one left-to-right pass (the token spec refers to these):</para>
/// <list type="number">
/// <item><b>Compatibility forms (NFKC)</b>: full-width, ligature, digraph (ǅ ǈ ǋ), letter-like and circled forms are
/// replaced by their compatibility decomposition; combining marks are dropped. (Implemented by a table generated
/// from the Unicode data, because the build runs with InvariantGlobalization, where <c>string.Normalize</c> does
/// nothing to non-ASCII text.) A base letter followed by a combining mark counts as the precomposed letter where that
/// matters: г/k/g/к + U+0301 = ѓ/ќ, и + U+0306 = й, і + U+0308 = ї.</item>
/// <item><b>Transliteration to Latin</b>, upper-case: Serbian Cyrillic А Б В Г Д Ђ Е Ж З И Ј К Л Љ М Н Њ О П Р С Т Ћ У
/// Ф Х Ц Ч Џ Ш → A B V G D DJ E Z Z I J K L LJ M N NJ O P R S T C U F H C C DZ S; Macedonian Ѓ → GJ, Ќ → KJ,
/// Ѕ → DZ; Bulgarian/Russian/Ukrainian Й → J, Щ → SHT, Ъ → A, Ь → (nothing), Ы → Y, Э → E, Ю → JU, Я → JA,
/// Є → JE, І → I, Ї → JI, Ґ → G; Greek per ELOT 743 except Χ → H (Θ → TH, Ξ → KS, Ψ → PS).</item>
/// <item><b>Latin letter variants</b>: diacritics stripped by decomposition (č ć ç → C, š → S, ž → Z, ë → E, ǵ and ḱ
/// excepted: GJ, KJ); Đ đ and Ð ð → DJ; Ł → L, Ø → O, Æ → AE, Œ → OE, ß → SS, Þ → TH, Ħ → H, Ŧ → T, ı → I,
/// Ŋ → NG.</item>
/// <item><b>Letter sequences</b>, checked against the output already written (so each rule also applies to letters
/// produced by an earlier rule): Q → C (Albanian q = ć); H after C, S or Z is dropped (ch, sh, zh = č, š, ž);
/// XH → DZ (Albanian xh = dž); GJ → DJ (Albanian and Macedonian gj = đ); KJ → C (Macedonian kj = ќ = ć = Albanian q;
/// an addition to the brief, so Ќосе, Kjose, Qose and Ćose agree); a letter equal to the previous one is dropped
/// (doubled letters collapse: Muhammed = Muhamed, Hassani = Hasani). A lone X stays X.</item>
/// <item><b>Parts</b>: white space, hyphens and dashes, commas, slashes and underscores separate parts; every other
/// character (apostrophes, dots, digits, symbols, letters of other scripts) is removed without splitting. Parts are
/// joined by exactly one space, with none leading or trailing.</item>
/// </list>
/// <para>The result holds only A–Z and single inner spaces; it is "" for null, blank or letter-less input, and
/// <c>Canonical(Canonical(x)) == Canonical(x)</c>. Examples: Petrović, Petrovic, Петровић, Petroviq, Petrovich →
/// PETROVIC; Krasniqi, Krasnići → KRASNICI; Đorđević, Djordjevic, Ђорђевић, Gjorgjeviq → DJORDJEVIC;
/// Džeko, Xheko, Џеко → DZEKO; Ѓорѓиевски, Gjorgjievski → DJORDJIEVSKI.</para>
/// </remarks>
public static class NameNormalizer
{
    /// <summary>Inputs whose worst-case output fits this many characters are folded on the stack.</summary>
    private const int StackBufferLength = 512;

    /// <summary>Full canonical form of one name field; see the folding rules on <see cref="NameNormalizer"/>.</summary>
    /// <param name="raw">The field as read from a record, in any script; may be null.</param>
    /// <returns>Upper-case ASCII parts separated by single spaces, or "" when there are no letters.</returns>
    public static string Canonical(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return string.Empty;
        }

        var capacity = GetMaxCanonicalLength(raw.Length);
        char[]? rented = null;
        Span<char> buffer = capacity <= StackBufferLength
            ? stackalloc char[capacity]
            : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            var length = WriteCanonical(raw, buffer);
            var result = buffer[..length];
            if (result.Length == 0)
            {
                return string.Empty;
            }

            // Already canonical input (the common case for stored, re-normalised values) costs no allocation.
            return result.SequenceEqual(raw) ? raw : new string(result);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The buffer length <see cref="WriteCanonical"/> needs for an input of <paramref name="rawLength"/> chars.</summary>
    public static int GetMaxCanonicalLength(int rawLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rawLength);
        return checked(rawLength * NameFoldTable.MaxExpansion);
    }

    /// <summary>
    /// Writes the canonical form of <paramref name="raw"/> (as <see cref="Canonical"/> returns it) without allocating.
    /// </summary>
    /// <param name="raw">The field text.</param>
    /// <param name="destination">At least <see cref="GetMaxCanonicalLength"/> of the input length.</param>
    /// <returns>The number of characters written.</returns>
    public static int WriteCanonical(ReadOnlySpan<char> raw, Span<char> destination)
    {
        if (destination.Length < GetMaxCanonicalLength(raw.Length))
        {
            throw new ArgumentException(
                "The destination must hold GetMaxCanonicalLength(raw.Length) characters.", nameof(destination));
        }

        var writer = new CanonicalNameWriter(destination);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (i + 1 < raw.Length && NameFoldTable.IsComposingMark(raw[i + 1])
                && NameFoldTable.Compose(c, raw[i + 1]) is { } composed)
            {
                writer.Append(composed);
                i++;
                continue;
            }

            writer.Append(NameFoldTable.Lookup(c));
        }

        return writer.Written.Length;
    }

    /// <summary>
    /// The parts of a canonical string sorted ordinally and joined by one space, so that "PETROVIC MARKO" and
    /// "MARKO PETROVIC" give the same. Duplicated parts are kept.
    /// </summary>
    /// <param name="canonical">A result of <see cref="Canonical"/>.</param>
    public static string SortedParts(string canonical) => PartSorter.Sort(canonical);

    /// <summary>
    /// Coarser phonetic skeleton of a canonical string, part by part in the given order (sort afterwards if needed).
    /// </summary>
    /// <remarks>
    /// <para>Per part: the first letter is kept, except that a vowel (A E I O U) becomes A, W becomes V, and Y
    /// becomes J before a vowel but A otherwise (so Jovan = Yovan, Emin = Amin, Albanian Ymer = Imer).</para>
    /// <para>Every later letter is mapped to a consonant class: B P → B; D T → T; G K → K; F V W → F; S Z → S;
    /// X → KS; Q → C; C, L, M, N, R stay; KH counts as H, at the start too (Khalid = Halid). Later vowels A E I O U and the glides J and Y are dropped (Husein = Husejin,
    /// Bajram = Bayram, Ljubica = Lubica) and H is dropped. A class code equal to the previous code is written once
    /// unless a vowel or glide came between them (H does not separate).</para>
    /// <para>Examples: Muhamed, Mohamed, Muhammed, Muhammad → MMT (so does Mehmed, a known collision); Ahmed,
    /// Ahmet → AMT; Zejnep, Zeinab → ZNB; Marko and Mirko both → MRK. Characters other than letters and spaces are
    /// ignored; the result holds only A–Z and single spaces.</para>
    /// </remarks>
    /// <param name="canonical">A result of <see cref="Canonical"/>.</param>
    public static string Skeleton(string canonical) => PhoneticSkeleton.Build(canonical);

    /// <summary>First letter of the first part of a canonical string, or '\0' when it has none.</summary>
    /// <param name="canonical">A result of <see cref="Canonical"/>.</param>
    public static char Initial(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        var trimmed = canonical.AsSpan().TrimStart(' ');
        return trimmed.Length > 0 && char.IsAsciiLetterUpper(trimmed[0]) ? trimmed[0] : '\0';
    }
}
