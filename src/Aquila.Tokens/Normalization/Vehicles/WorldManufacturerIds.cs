using System.Collections.Frozen;

namespace Aquila.Tokens.Normalization.Vehicles;

/// <summary>
/// The make a VIN's world manufacturer identifier (its first three characters, ISO 3780) stands for: a small table of
/// WMIs common on the region's roads.
/// </summary>
/// <remarks>
/// Facts from the WMI register SAE International keeps for ISO 3780 on behalf of NHTSA (published through NHTSA's
/// vPIC "Manufacturer" lookups); only the make is taken. A WMI not in the table gives no make.
/// </remarks>
public static class WorldManufacturerIds
{
    private static readonly FrozenDictionary<string, string> Makes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["WVW"] = "Volkswagen", ["WV1"] = "Volkswagen", ["WV2"] = "Volkswagen", ["1VW"] = "Volkswagen", ["3VW"] = "Volkswagen",
        ["WAU"] = "Audi", ["TRU"] = "Audi",
        ["WBA"] = "BMW", ["WBS"] = "BMW", ["WBY"] = "BMW", ["WMW"] = "Mini",
        ["WDB"] = "Mercedes-Benz", ["WDD"] = "Mercedes-Benz", ["WDC"] = "Mercedes-Benz", ["W1K"] = "Mercedes-Benz",
        ["W0L"] = "Opel", ["W0V"] = "Opel",
        ["VF1"] = "Renault", ["VF3"] = "Peugeot", ["VR3"] = "Peugeot", ["VF7"] = "Citroen",
        ["ZFA"] = "Fiat", ["ZAR"] = "Alfa Romeo", ["TMB"] = "Skoda", ["VSS"] = "Seat", ["UU1"] = "Dacia",
        ["VX1"] = "Zastava",
        ["JTD"] = "Toyota", ["JTE"] = "Toyota", ["JTN"] = "Toyota", ["SB1"] = "Toyota", ["NMT"] = "Toyota", ["VNK"] = "Toyota",
        ["2T1"] = "Toyota",
        ["KMH"] = "Hyundai", ["TMA"] = "Hyundai", ["KNA"] = "Kia", ["KNE"] = "Kia", ["U5Y"] = "Kia",
        ["YV1"] = "Volvo", ["JN1"] = "Nissan", ["SJN"] = "Nissan", ["VSK"] = "Nissan",
        ["JHM"] = "Honda", ["1HG"] = "Honda", ["JMZ"] = "Mazda", ["XTA"] = "Lada",
        ["WF0"] = "Ford", ["1FA"] = "Ford", ["1FT"] = "Ford", ["1G1"] = "Chevrolet", ["5YJ"] = "Tesla",
        ["WP0"] = "Porsche", ["SAL"] = "Land Rover", ["JSA"] = "Suzuki", ["JMB"] = "Mitsubishi",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every WMI in the table (for tests and the synthetic generator).</summary>
    public static IEnumerable<KeyValuePair<string, string>> All => Makes;

    /// <summary>The make (as <see cref="MakeNames.Canonical"/> gives it) of a cleaned VIN's WMI, or null when unknown.</summary>
    public static string? MakeOf(ReadOnlySpan<char> vin) =>
        vin.Length >= 3 && Makes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(vin[..3], out var make)
            ? MakeNames.Canonical(make)
            : null;
}
