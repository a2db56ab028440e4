namespace Aquila.Tokens.Normalization;

/// <summary>
/// Equivalence classes of Arabic-origin names whose spellings differ by transliteration (Jusuf / Yousef / Youssef,
/// Halid / Khalid, Hatidža / Hatixhe / Khadija), applied part by part to canonical names so such names agree in
/// the exact name keys, not only in the skeleton. The Arabic article (Al-, El-, At-) before a family name is dropped.
/// </summary>
public static class NameEquivalents
{
    // One class per line, the first spelling is the representative. Only transliterations of one name: Mehmed and
    // Muhamed are different names, and so are Hasan and Husein.
    private static readonly string[] Classes =
    [
        "Muhamed|Muhamet|Mohamed|Mohammed|Muhammad|Muhammed|Mohammad|Mohamad|Muhammet",
        "Mehmed|Mehmet", "Ahmed|Ahmet|Ahmad", "Mustafa|Mustafë|Mustapha|Moustafa|Mostafa", "Omer|Omar|Umar|Ömer",
        "Jusuf|Yusuf|Youssef|Yousef|Yousif|Jusef", "Abdulah|Abdullah|Abdallah|Abdulla|Abdula",
        "Ibrahim|Ebrahim|Ibrahimi", "Osman|Othman|Usman", "Halid|Khalid|Khaled|Halit|Haled|Kalid",
        "Hamza|Hamze|Hamzah", "Husein|Hussein|Hysen|Husejn|Hussain|Husejin|Huseyin", "Hasan|Hassan|Hasen",
        "Ismail|Ismajl|Ismael|Ismajil", "Ali|Alija", "Mahmud|Mahmoud|Mahmut", "Fatima|Fatime|Fatma|Fatimah",
        "Amina|Emine|Aminah|Ameena|Emina", "Hatidža|Hatixhe|Khadija|Hadija|Hatice|Hadidža|Khadidja",
        "Zejneba|Zejnepe|Zainab|Zeinab|Zejneb|Zejnep", "Merjem|Maryam|Mariam|Merjeme|Merima",
        "Aiša|Aisha|Ajša|Aishe|Ayesha|Aysha", "Obaidi|Ubaidi", "Jaburi|Jubouri|Juburi", "Hasani|Hassani",
        "Hussaini|Husaini", "Khatib|Hatib", "Tamimi|Temimi",
    ];

    private static readonly string[] Articles = ["AL", "EL", "AT", "AD", "AS", "AR", "AN"];

    private static readonly Dictionary<string, string> Representative = Build();

    /// <summary>
    /// <paramref name="canonical"/> (a result of <see cref="NameNormalizer.Canonical"/>) with every part replaced by
    /// its class representative, a leading Arabic article dropped (AL HASAN, ALHASAN, EL HASAN → HASAN), DJ folded
    /// to D (Đ loses its stroke as often as it becomes DJ: Đurić is written Duric and Djuric), and Y folded to J before
    /// a vowel and to I otherwise (Albanian y is written i in Slavic renderings: Hysen / Hisen).
    /// </summary>
    public static string Apply(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        if (canonical.Length == 0)
        {
            return canonical;
        }

        var parts = canonical.Split(' ');
        var kept = new List<string>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (i + 1 < parts.Length && Array.IndexOf(Articles, part) >= 0)
            {
                continue; // a separate article: Al Hassan
            }

            if (!Representative.ContainsKey(part) && part.Length > 5 && Array.IndexOf(Articles, part[..2]) >= 0
                && Representative.ContainsKey(part[2..]))
            {
                part = part[2..]; // a joined article: Alhassan
            }

            kept.Add(FoldLetters(Representative.GetValueOrDefault(part, part)));
        }

        return string.Join(' ', kept);
    }

    // Đ written without its stroke is D, not DJ (Đurić / Duric): DJ becomes D. The Albanian vowel Y is written I in
    // Slavic renderings (Hysen / Hisen, Bytyqi / Bitići), while Y before a vowel is the glide J (Yusuf / Jusuf).
    private static string FoldLetters(string part)
    {
        if (!part.Contains('Y', StringComparison.Ordinal) && !part.Contains("DJ", StringComparison.Ordinal))
        {
            return part;
        }

        var folded = new System.Text.StringBuilder(part.Length);
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            if (c == 'D' && i + 1 < part.Length && part[i + 1] == 'J')
            {
                folded.Append('D');
                i++;
            }
            else if (c == 'Y')
            {
                folded.Append(i + 1 < part.Length && part[i + 1] is 'A' or 'E' or 'I' or 'O' or 'U' ? 'J' : 'I');
            }
            else
            {
                folded.Append(c);
            }
        }

        return folded.ToString();
    }

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Classes)
        {
            var names = line.Split('|');
            var first = NameNormalizer.Canonical(names[0]);
            foreach (var name in names)
            {
                map[NameNormalizer.Canonical(name)] = first;
            }
        }

        // Each spelling also as the letters fold it (Hysen → HISEN, the Slavic rendering of the Albanian y), so a
        // rendering of a listed spelling finds its class; a folded form that is itself a listed spelling keeps its class.
        foreach (var (spelling, representative) in map.ToList())
        {
            map.TryAdd(FoldLetters(spelling), representative);
        }

        return map;
    }
}
