using System.Collections.Frozen;

namespace Aquila.Tokens.Normalization.Vehicles;

/// <summary>
/// Canonical vehicle makes: the make folded like a name (<see cref="NameNormalizer.Canonical"/>: any script, no
/// diacritics, doubled letters collapsed) with the spaces removed, then common abbreviations and the region's Cyrillic
/// spellings mapped to one name (VW, Фолксваген → VOLKSWAGEN; Мерцедес, MB → MERCEDES-BENZ). A make not in the table
/// stays its folded text, so equal spellings still agree.
/// </summary>
public static class MakeNames
{
    private static readonly (string Make, string Aliases)[] Table =
    [
        ("Volkswagen", "VW|Folksvagen|Volkswagon"),
        ("Mercedes-Benz", "Mercedes|MB|Mercedes Benc|Daimler Benz"),
        ("BMW", "BMV|Bayerische Motoren Werke"),
        ("Audi", ""),
        ("Skoda", ""),
        ("Opel", "Vauxhall"),
        ("Renault", "Reno"),
        ("Peugeot", "Pezo|Pezho"),
        ("Citroen", "Sitroen|Citroën"),
        ("Fiat", ""),
        ("Zastava", "Yugo|Jugo"),
        ("Toyota", "Tojota"),
        ("Ford", ""),
        ("Dacia", "Dacija|Dachia"),
        ("Hyundai", "Hjundai|Hjundaj|Hyundaj"),
        ("Kia", ""),
        ("Seat", ""),
        ("Volvo", ""),
        ("Nissan", ""),
        ("Honda", ""),
        ("Mazda", ""),
        ("Lada", "VAZ|AvtoVAZ"),
        ("Chevrolet", "Sevrolet|Chevy"),
        ("Land Rover", "Landrover"),
        ("Porsche", "Porse"),
        ("Mini", ""),
        ("Tesla", ""),
        ("Alfa Romeo", "Alfa"),
        ("Suzuki", ""),
        ("Mitsubishi", "Micubisi"),
    ];

    private static readonly FrozenDictionary<string, string> Aliases = BuildAliases();

    /// <summary>The canonical make, or "" when <paramref name="raw"/> has no letters or digits.</summary>
    public static string Canonical(string? raw)
    {
        var folded = Fold(raw);
        return folded.Length == 0 ? folded : Aliases.GetValueOrDefault(folded, folded);
    }

    private static string Fold(string? raw) => NameNormalizer.Canonical(raw).Replace(" ", "", StringComparison.Ordinal);

    private static FrozenDictionary<string, string> BuildAliases()
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (make, others) in Table)
        {
            var canonical = Fold(make);
            aliases[canonical] = canonical;
            foreach (var alias in others.Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                aliases[Fold(alias)] = canonical;
            }
        }

        return aliases.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
