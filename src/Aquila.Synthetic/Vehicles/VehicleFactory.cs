using System.Globalization;
using System.Text;
using Aquila.Tokens.Normalization.Vehicles;

namespace Aquila.Synthetic.Vehicles;

/// <summary>
/// Creates true vehicles: a plate in its country's format, a VIN with a known manufacturer code, the make that code
/// stands for, a model, colour and year. Plates and VINs are unique unless a plate is re-issued on purpose.
/// </summary>
internal sealed class VehicleFactory(SeededRandom random)
{
    private const string VinAlphabet = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
    private const string PlateLetters = "ABCDEFGHIJKLMNOPRSTUVZ";

    // (WMI, make, weight, models): the mix of a Western Balkan fleet, roughly.
    private static readonly (string Wmi, string Make, int Weight, string[] Models)[] Makes =
    [
        ("WVW", "Volkswagen", 14, ["Golf", "Passat", "Polo", "Touran"]), ("WV2", "Volkswagen", 2, ["Transporter", "Caddy"]),
        ("WAU", "Audi", 5, ["A4", "A6", "A3"]), ("WBA", "BMW", 5, ["320d", "520d", "X5"]),
        ("WDD", "Mercedes-Benz", 6, ["C 220", "E 220", "A 180"]), ("WDB", "Mercedes-Benz", 2, ["Sprinter", "Vito"]),
        ("W0L", "Opel", 7, ["Astra", "Corsa", "Insignia"]), ("VF1", "Renault", 6, ["Clio", "Megane", "Kangoo"]),
        ("VF3", "Peugeot", 5, ["206", "308", "Partner"]), ("VF7", "Citroen", 3, ["C3", "Berlingo", "C4"]),
        ("ZFA", "Fiat", 6, ["Punto", "Doblo", "Tipo"]), ("VX1", "Zastava", 3, ["Koral", "Florida", "101"]),
        ("TMB", "Skoda", 8, ["Octavia", "Fabia", "Superb"]), ("VSS", "Seat", 3, ["Ibiza", "Leon"]),
        ("UU1", "Dacia", 5, ["Logan", "Sandero", "Duster"]), ("JTD", "Toyota", 4, ["Yaris", "Corolla", "RAV4"]),
        ("WF0", "Ford", 5, ["Focus", "Fiesta", "Transit"]), ("KMH", "Hyundai", 4, ["i30", "Tucson", "Getz"]),
        ("KNE", "Kia", 3, ["Ceed", "Sportage"]), ("YV1", "Volvo", 2, ["V70", "XC60"]), ("JN1", "Nissan", 2, ["Qashqai", "Micra"]),
        ("XTA", "Lada", 2, ["Niva", "Samara"]), ("1HG", "Honda", 1, ["Accord", "Civic"]), ("1FA", "Ford", 1, ["Mustang"]),
    ];

    private static readonly string[] Colours = ["bela", "crna", "siva", "srebrna", "plava", "crvena", "zelena", "bijela", "white", "black"];

    private static readonly string[] SerbianRegions = ["BG", "NS", "NI", "KG", "SU", "ČA", "ŠA", "PA", "ZR", "SO", "VA", "UE", "KV", "LE", "PO", "SM"];
    private static readonly string[] MontenegrinRegions = ["PG", "NK", "BD", "BR", "HN", "KO", "BA", "UL", "TV", "CT", "PV", "BP"];
    private static readonly string[] MacedonianRegions = ["SK", "BT", "OH", "KU", "TE", "GV", "ST", "VE", "PP", "KO", "SR", "KI"];
    private static readonly string[] ForeignCountries = ["DE", "AT", "HR", "SI", "IT", "CH", "BG"];

    private readonly HashSet<string> _plates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _vins = new(StringComparer.Ordinal);
    private readonly int _totalWeight = Makes.Sum(m => m.Weight);

    /// <summary>A new vehicle registered in <paramref name="home"/> (or, now and then, abroad).</summary>
    public SyntheticVehicle Create(string id, string home)
    {
        var country = random.Chance(0.08) ? random.Pick(ForeignCountries) : home;
        string plate;
        do
        {
            plate = Plate(country);
        }
        while (!_plates.Add(country + ":" + PlateNormalizer.Normalize(plate)));

        return WithPlate(id, plate, country, reissued: false);
    }

    /// <summary>Another vehicle that carries <paramref name="original"/>'s plate (re-issued after deregistration).</summary>
    public SyntheticVehicle Reissue(string id, SyntheticVehicle original) => WithPlate(id, original.Plate, original.Country, reissued: true);

    private SyntheticVehicle WithPlate(string id, string plate, string country, bool reissued)
    {
        var pick = random.Next(_totalWeight);
        var make = Makes[0];
        foreach (var m in Makes)
        {
            if (pick < m.Weight)
            {
                make = m;
                break;
            }

            pick -= m.Weight;
        }

        string vin;
        do
        {
            vin = Vin(make.Wmi);
        }
        while (!_vins.Add(vin));

        return new SyntheticVehicle(id, plate, country, vin, make.Make, random.Pick(make.Models), random.Pick(Colours),
            random.Next(1995, 2026), reissued);
    }

    private string Vin(string wmi)
    {
        var chars = new StringBuilder(wmi);
        for (var i = 3; i < 17; i++)
        {
            chars.Append(i >= 11 ? (char)('0' + random.Next(10)) : VinAlphabet[random.Next(VinAlphabet.Length)]);
        }

        // North America requires the check digit; European and Asian manufacturers often put a filler there instead.
        var vin = chars.ToString();
        var check = Tokens.Normalization.Vehicles.Vin.CheckDigitMandatory(vin) || random.Chance(0.5)
            ? Tokens.Normalization.Vehicles.Vin.ExpectedCheckDigit(vin)
            : 'Z';
        return vin[..8] + check + vin[9..];
    }

    private string Plate(string country) => country switch
    {
        "RS" => $"{random.Pick(SerbianRegions)} {Digits(random.Chance(0.7) ? 3 : 4)}-{Letters(2)}",
        "ME" => $"{random.Pick(MontenegrinRegions)} {Letters(2)}{Digits(3)}",
        "BA" => $"{"AEJKMOT"[random.Next(7)]}{Digits(2)}-{"AEJKMOT"[random.Next(7)]}-{Digits(3)}",
        "MK" => $"{random.Pick(MacedonianRegions)} {Digits(4)} {Letters(2)}",
        "AL" => $"{Letters(2)} {Digits(3)} {Letters(2)}",
        "XK" => $"0{random.Next(1, 8)}-{Digits(3)}-{Letters(2)}",
        _ => $"{Letters(2)} {Digits(4)} {Letters(2)}",
    };

    private string Digits(int count)
    {
        var first = random.Next(1, 10).ToString(CultureInfo.InvariantCulture);
        var rest = string.Concat(Enumerable.Range(1, count - 1).Select(_ => (char)('0' + random.Next(10))));
        return first + rest;
    }

    private string Letters(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => PlateLetters[random.Next(PlateLetters.Length)]));
}
