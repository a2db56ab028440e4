namespace Aquila.Tokens.Normalization;

/// <summary>The coarse phonetic skeleton of <see cref="NameNormalizer.Skeleton"/>; rules are documented there.</summary>
internal static class PhoneticSkeleton
{
    private const int StackChars = 256;

    /// <summary>Marks a dropped vowel or glide: it separates equal codes.</summary>
    private const char Vowel = '0';

    /// <summary>Marks a dropped H: transparent, it does not separate equal codes.</summary>
    private const char Silent = '-';

    /// <summary>Class code of A..Z for letters after the first; X is expanded separately.</summary>
    private const string ClassCodes = "0BCT0FK-00KLMN0BCRST0FFK0S";

    /// <summary>First letter of a part: vowels become A, Y becomes J (A before a consonant), W becomes V, others stay.</summary>
    private const string InitialLetters = "ABCDAFGHAJKLMNAPQRSTAVVXJZ";

    internal static string Build(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        if (canonical.Length == 0)
        {
            return string.Empty;
        }

        // X → KS can double a part's length.
        var capacity = canonical.Length * 2;
        char[]? rented = null;
        var buffer = capacity <= StackChars
            ? stackalloc char[capacity]
            : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            return new string(buffer[..Write(canonical, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static int Write(ReadOnlySpan<char> canonical, Span<char> buffer)
    {
        var length = 0;
        var atPartStart = true;
        var previous = Vowel;
        for (var i = 0; i < canonical.Length; i++)
        {
            var c = ToUpperAscii(canonical[i]);
            if (c == ' ')
            {
                atPartStart = true;
                continue;
            }

            if (!char.IsAsciiLetterUpper(c))
            {
                continue;
            }

            if (atPartStart)
            {
                if (length > 0)
                {
                    buffer[length++] = ' ';
                }

                var initial = InitialLetters[c - 'A'];
                if (c == 'K' && i + 1 < canonical.Length && ToUpperAscii(canonical[i + 1]) == 'H')
                {
                    // Arabic kh written for h (Khalid = Halid): the H that follows is then dropped as usual.
                    initial = 'H';
                }

                if (c == 'Y' && (i + 1 == canonical.Length || !IsVowel(ToUpperAscii(canonical[i + 1]))))
                {
                    // Y before a consonant is the Albanian vowel y (Ymer = Imer); before a vowel a glide (Yusuf = Jusuf).
                    initial = 'A';
                }

                buffer[length++] = initial;
                previous = initial == 'X' ? 'S' : ClassCodes[initial - 'A'];
                atPartStart = false;
                continue;
            }

            if (c == 'K' && i + 1 < canonical.Length && ToUpperAscii(canonical[i + 1]) == 'H')
            {
                continue; // kh = h, and h is silent after the first letter (Mikhail = Mihail)
            }

            if (c == 'X')
            {
                Emit(buffer, ref length, ref previous, 'K');
                Emit(buffer, ref length, ref previous, 'S');
                continue;
            }

            Emit(buffer, ref length, ref previous, ClassCodes[c - 'A']);
        }

        return length;
    }

    private static char ToUpperAscii(char c) => char.IsAsciiLetterLower(c) ? (char)(c - ('a' - 'A')) : c;

    private static bool IsVowel(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U';

    private static void Emit(Span<char> buffer, ref int length, ref char previous, char code)
    {
        switch (code)
        {
            case Silent:
                return;
            case Vowel:
                previous = Vowel;
                return;
        }

        if (code != previous)
        {
            buffer[length++] = code;
            previous = code;
        }
    }
}
