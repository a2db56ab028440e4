using Aquila.Synthetic.Names;

namespace Aquila.Synthetic.Places;

/// <summary>Places of birth per country, weighted by listing the larger towns first and more than once.</summary>
internal static class PlaceTable
{
    // "Slavic/Albanian:region" entries (spaces in names as _); without an Albanian name it is derived.
    private static readonly (string Country, string Entries)[] Source =
    [
        ("RS", "Beograd:71 Beograd:71 Novi_Sad:80 Niš:73 Kragujevac:72 Subotica:82 Novi_Pazar/Pazar_i_Ri:78 " +
            "Čačak:78 Kraljevo:78 Leskovac:74 Smederevo:76 Zrenjanin:85 Šabac:77 Tutin:78 Sjenica:78 " +
            "Preševo/Preshevë:74 Bujanovac/Bujanoc:74 Vranje:74 Užice:79 Zaječar:75"),
        ("BA", "Sarajevo:17 Sarajevo:17 Banja_Luka:10 Tuzla:18 Zenica:19 Mostar:15 Bihać:11 Doboj:12 Goražde:13 " +
            "Livno:14 Prijedor:16 Bijeljina:18 Travnik:19 Brčko:18 Velika_Kladuša:11 Srebrenica:18 Trebinje:15"),
        ("ME", "Podgorica:21 Podgorica:21 Nikšić:26 Bar/Tivar:22 Ulcinj/Ulqin:22 Pljevlja:29 Bijelo_Polje:28 " +
            "Rožaje/Rozhajë:28 Cetinje:23 Budva:23 Berane:28 Plav/Plavë:28 Tuzi/Tuz:21"),
        ("MK", "Skopje/Shkup:45 Skopje/Shkup:45 Bitola/Manastir:41 Kumanovo/Kumanovë:42 Ohrid/Ohër:43 Prilep:44 " +
            "Struga/Strugë:46 Tetovo/Tetovë:47 Tetovo/Tetovë:47 Veles:48 Štip/Shtip:49 Gostivar:47 " +
            "Kičevo/Kërçovë:41 Debar/Dibër:43"),
        ("XK", "Priština/Prishtinë:91 Priština/Prishtinë:91 Prizren:95 Peć/Pejë:93 Đakovica/Gjakovë:94 " +
            "Mitrovica/Mitrovicë:92 Gnjilane/Gjilan:96 Uroševac/Ferizaj:91 Podujevo/Podujevë:91 " +
            "Vučitrn/Vushtrri:92 Dečani/Deçan:93 Orahovac/Rahovec:95 Kačanik/Kaçanik:91"),
        ("AL", "Tirana/Tiranë:-1 Tirana/Tiranë:-1 Drač/Durrës:-1 Skadar/Shkodër:-1 Elbasan:-1 Valona/Vlorë:-1 " +
            "Korča/Korçë:-1 Fier:-1 Berat:-1 Kukeš/Kukës:-1 Peškopija/Peshkopi:-1 Kavaja/Kavajë:-1"),
        ("HR", "Zagreb:33 Split:38 Osijek:31 Rijeka:35 Zadar:38 Vukovar:31 Slavonski_Brod:31"),
        ("SY", "Alep/Halep:-1 Damask:-1 Homs:-1 Raka/Rakka:-1 Idlib:-1"),
        ("IQ", "Bagdad:-1 Mosul:-1 Basra:-1 Faludža/Faluxha:-1"),
    ];

    // Where a minority community of a country mostly lives: Albanians of the Preševo valley, Bosniaks of the Sandžak…
    private static readonly (Community Community, string Country, string Places)[] Minorities =
    [
        (Community.Albanian, "RS", "Preševo|Bujanovac"),
        (Community.Bosniak, "RS", "Novi Pazar|Tutin|Sjenica|Beograd"),
        (Community.Albanian, "MK", "Skopje|Tetovo|Gostivar|Struga|Kumanovo|Debar|Kičevo"),
        (Community.Albanian, "ME", "Ulcinj|Tuzi|Plav|Bar"),
        (Community.Bosniak, "ME", "Rožaje|Bijelo Polje|Plav|Berane|Podgorica"),
        (Community.Serbian, "XK", "Mitrovica|Gnjilane|Priština|Peć"),
        (Community.Bosniak, "XK", "Prizren|Peć"),
        (Community.Croatian, "BA", "Mostar|Livno|Travnik"),
        (Community.Serbian, "BA", "Banja Luka|Bijeljina|Doboj|Prijedor|Trebinje"),
    ];

    private static readonly Dictionary<string, Place[]> ByCountry = Build();

    private static readonly Dictionary<(Community, string), Place[]> ByCommunity = BuildMinorities();

    public static IReadOnlyList<Place> In(string country) => ByCountry[country];

    /// <summary>Birth places of a person of <paramref name="community"/> born in <paramref name="country"/>.</summary>
    public static IReadOnlyList<Place> For(Community community, string country) =>
        ByCommunity.TryGetValue((community, country), out var places) ? places : ByCountry[country];

    private static Dictionary<(Community, string), Place[]> BuildMinorities()
    {
        var map = new Dictionary<(Community, string), Place[]>();
        foreach (var (community, country, names) in Minorities)
        {
            var wanted = names.Split('|');
            map[(community, country)] = Array.FindAll(ByCountry[country], p => Array.IndexOf(wanted, p.Slavic) >= 0);
        }

        return map;
    }

    private static Dictionary<string, Place[]> Build()
    {
        var map = new Dictionary<string, Place[]>(StringComparer.Ordinal);
        foreach (var (country, entries) in Source)
        {
            var places = new List<Place>();
            foreach (var entry in entries.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                // Spaces inside names are written as underscores in the source list.
                places.Add(Parse(country, entry));
            }

            map[country] = [.. places];
        }

        return map;
    }

    private static Place Parse(string country, string entry)
    {
        var colon = entry.LastIndexOf(':');
        var names = entry[..colon].Replace('_', ' ');
        var region = int.Parse(entry.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture);
        var slash = names.IndexOf('/', StringComparison.Ordinal);
        var slavic = slash < 0 ? names : names[..slash];
        var albanian = slash < 0 ? Rendering.AlbanianOrthography.FromSlavic(slavic) : names[(slash + 1)..];
        return new Place(country, slavic, albanian, region);
    }
}
