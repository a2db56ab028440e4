namespace Aquila.Synthetic.Names;

/// <summary>
/// Arabic-origin names and the spellings they take across the region (Bosnian, Albanian, English-style and older
/// Ottoman forms). Every spelling of a group points at the whole group.
/// </summary>
internal static class ArabicNameVariants
{
    private static readonly string[] Groups =
    [
        "Muhamed Muhamet Mohammed Mohamed Muhammad Muhammed Mehmed Mohammad",
        "Mehmet Mehmed",
        "Ahmed Ahmet Ahmad",
        "Mustafa Mustafë Mustapha Moustafa",
        "Omer Omar Umar",
        "Jusuf Youssef Yusuf Yousef",
        "Abdulah Abdullah Abdallah Abdulla",
        "Ibrahim Ebrahim Ibro",
        "Osman Othman Usman",
        "Halid Khaled Khalid Halit",
        "Hamza Hamze Hamzah",
        "Husein Hussein Hysen Husejn Hussain",
        "Hasan Hassan",
        "Ismail Ismajl Ismael Ismajil",
        "Ali Alija",
        "Mahmoud Mahmud Mahmut",
        "Fatima Fatime Fatma Fatimah",
        "Amina Emine Aminah Ameena",
        "Hatidža Hatixhe Khadija Hadija Hatice",
        "Zejneba Zejnepe Zainab Zeinab Zejneb",
        "Merjem Maryam Mariam Merjeme",
        "Aisha Ajša Aishe Ayesha",
        "Al-Hassan Al Hassan Alhassan El-Hassan Al-Hasan",
        "Al-Ahmad Al Ahmad Alahmad El-Ahmad",
        "Al-Khatib Al Khatib Alkhatib El-Khatib",
        "Al-Obaidi Al Obaidi Alobaidi Al-Ubaidi",
        "Al-Jaburi Al Jaburi Al-Jubouri Aljaburi",
        "Al-Tamimi Al Tamimi Altamimi At-Tamimi",
    ];

    private static readonly Dictionary<string, string[]> GroupOf = Build();

    /// <summary>All spellings of <paramref name="name"/>'s group, or null when the name has none.</summary>
    public static string[]? Of(string name) => GroupOf.GetValueOrDefault(name);

    /// <summary>
    /// The orthography a spelling is written in, so that a Cyrillic-writing party transcribes it by sound: English-style
    /// spellings (doubled letters, kh, ou, a leading Y) are foreign, spellings with Albanian letters are Albanian, the rest
    /// are in Gaj's alphabet.
    /// </summary>
    public static NameOrigin OrthographyOf(string spelling)
    {
        var s = spelling.AsSpan();
        if (s.StartsWith("Y") || s.Contains("kh", StringComparison.OrdinalIgnoreCase) || s.Contains("ou", StringComparison.Ordinal) ||
            s.Contains("ee", StringComparison.Ordinal) || HasDoubledLetter(s) || s.IndexOf('w') >= 0)
        {
            return NameOrigin.Foreign;
        }

        return s.Contains("xh", StringComparison.Ordinal) || s.IndexOfAny("ëçqy") >= 0 || s.Contains("sh", StringComparison.Ordinal)
            ? NameOrigin.Albanian
            : NameOrigin.Slavic;
    }

    private static bool HasDoubledLetter(ReadOnlySpan<char> s)
    {
        for (var i = 1; i < s.Length; i++)
        {
            if (s[i] == s[i - 1] && char.IsLetter(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, string[]> Build()
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            // Two-word spellings ("Al Hassan") are joined by a no-break marker in the source list.
            var members = group.Replace("Al ", "Al\u00A0", StringComparison.Ordinal)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < members.Length; i++)
            {
                members[i] = members[i].Replace('\u00A0', ' ');
            }

            foreach (var member in members)
            {
                map.TryAdd(member, members);
            }
        }

        return map;
    }
}
