namespace Aquila.Tokens.Normalization;

/// <summary>
/// Place-of-birth values for match keys. A place is only ever a lifting field (it tells nothing alone), so it is
/// compared coarsely: its canonical form (<see cref="NameNormalizer.Canonical"/>), with the other-language names of
/// a place in the region mapped to one of them (Shkodër = Skadar, Prishtinë = Priština, Shkup = Skopje), reduced to
/// its phonetic skeleton (<see cref="NameNormalizer.Skeleton"/>), which also absorbs the Albanian definite and
/// indefinite endings (Tiranë / Tirana, Vlorë / Vlora) and the common spelling noise.
/// </summary>
public static class PlaceNames
{
    // One line per place: its names in the languages of the region (and common English forms), '|'-separated.
    // The first is the one the others are mapped to; spellings that already agree after Canonical and Skeleton are
    // not listed.
    private static readonly string[] Exonyms =
    [
        "Skadar|Shkodër|Shkodra|Scutari", "Drač|Durrës|Durazzo", "Valona|Vlorë|Vlora|Vlonë", "Korča|Korçë|Korça",
        "Kukeš|Kukës", "Peškopija|Peshkopi", "Tirana|Tiranë", "Elbasan|Elbasani", "Kavaja|Kavajë",
        "Priština|Prishtinë|Prishtina|Pristina", "Peć|Pejë|Peja", "Đakovica|Gjakovë|Gjakova|Djakovica",
        "Gnjilane|Gjilan|Gjilani", "Uroševac|Ferizaj", "Vučitrn|Vushtrri", "Orahovac|Rahovec", "Dečani|Deçan|Deçani",
        "Podujevo|Podujevë", "Mitrovica|Mitrovicë", "Kačanik|Kaçanik", "Prizren|Prizreni", "Glogovac|Drenas",
        "Lipljan|Lipjan", "Suva Reka|Suharekë", "Skopje|Shkup|Shkupi|Skoplje", "Bitola|Manastir|Monastir",
        "Ohrid|Ohër", "Struga|Strugë", "Tetovo|Tetovë", "Kičevo|Kërçovë", "Debar|Dibër", "Kumanovo|Kumanovë",
        "Štip|Shtip", "Gostivar|Gostivari", "Bar|Tivar", "Ulcinj|Ulqin", "Rožaje|Rozhajë", "Plav|Plavë",
        "Tuzi|Tuz", "Preševo|Preshevë", "Bujanovac|Bujanoc", "Medveđa|Medvegjë", "Novi Pazar|Pazar i Ri",
        "Podgorica|Podgoricë|Titograd", "Beograd|Belgrade|Beogradi", "Niš|Nish", "Sarajevo|Sarajevë",
        "Alep|Halep|Aleppo|Halab", "Damask|Damascus|Dimashq|Damasku", "Bagdad|Baghdad", "Faludža|Faluxha|Fallujah",
        "Raka|Rakka|Raqqa", "Homs|Hims",
    ];

    private static readonly Dictionary<string, string> Representative = Build();

    /// <summary>The place value of a place-of-birth field; "" when it has no letters.</summary>
    public static string Normalize(string? raw)
    {
        var canonical = NameNormalizer.Canonical(raw);
        if (canonical.Length == 0)
        {
            return string.Empty;
        }

        if (Representative.TryGetValue(canonical, out var mapped))
        {
            canonical = mapped;
        }

        return NameNormalizer.SortedParts(NameNormalizer.Skeleton(canonical));
    }

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Exonyms)
        {
            var names = line.Split('|');
            var first = NameNormalizer.Canonical(names[0]);
            foreach (var name in names)
            {
                map[NameNormalizer.Canonical(name)] = first;
            }
        }

        return map;
    }
}
