using System.Globalization;
using System.Text;
using Aquila.Synthetic.Places;
using Aquila.Tokens.Input;

namespace Aquila.Synthetic.Vehicles;

/// <summary>
/// Writes one party's record of a true vehicle with the noise of the region's registers: plates in Cyrillic or with
/// Cyrillic look-alike letters mixed in, any spacing, O and 0 confused; VINs with typos, O/0 and I/1 confusions or
/// missing; the country as ISO code, oval code, name or missing; the make abbreviated, in Cyrillic or missing.
/// </summary>
internal sealed class VehicleRenderer(SeededRandom random, double noise)
{
    private const string VinAlphabet = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

    private static readonly Dictionary<char, string> SerbianCyrillic = new()
    {
        ['A'] = "А", ['B'] = "Б", ['C'] = "Ц", ['Č'] = "Ч", ['Ć'] = "Ћ", ['D'] = "Д", ['E'] = "Е", ['F'] = "Ф", ['G'] = "Г",
        ['H'] = "Х", ['I'] = "И", ['J'] = "Ј", ['K'] = "К", ['L'] = "Л", ['M'] = "М", ['N'] = "Н", ['O'] = "О", ['P'] = "П",
        ['R'] = "Р", ['S'] = "С", ['Š'] = "Ш", ['T'] = "Т", ['U'] = "У", ['V'] = "В", ['Z'] = "З", ['Ž'] = "Ж",
    };

    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['A'] = 'А', ['B'] = 'В', ['C'] = 'С', ['E'] = 'Е', ['H'] = 'Н', ['K'] = 'К', ['M'] = 'М', ['O'] = 'О', ['P'] = 'Р',
        ['T'] = 'Т', ['X'] = 'Х', ['Y'] = 'У', ['J'] = 'Ј',
    };

    private static readonly Dictionary<string, (string Oval, string Cyrillic)> Codes = new(StringComparer.Ordinal)
    {
        ["RS"] = ("SRB", "СРБ"), ["ME"] = ("MNE", "МНЕ"), ["BA"] = ("BIH", "БИХ"), ["MK"] = ("NMK", "НМК"), ["AL"] = ("AL", "АЛ"),
        ["XK"] = ("RKS", "РКС"), ["DE"] = ("D", "Д"), ["AT"] = ("A", "А"), ["HR"] = ("HR", "ХР"), ["SI"] = ("SLO", "СЛО"),
        ["IT"] = ("I", "И"), ["CH"] = ("CH", "ЦХ"), ["BG"] = ("BG", "БГ"),
    };

    private static readonly Dictionary<string, (string Short, string Cyrillic)> MakeSpellings = new(StringComparer.Ordinal)
    {
        ["Volkswagen"] = ("VW", "Фолксваген"), ["Mercedes-Benz"] = ("Mercedes", "Мерцедес"), ["Skoda"] = ("Škoda", "Шкода"),
        ["Opel"] = ("OPEL", "Опел"), ["Renault"] = ("RENAULT", "Рено"), ["Peugeot"] = ("PEUGEOT", "Пежо"),
        ["Citroen"] = ("Citroën", "Ситроен"), ["Fiat"] = ("FIAT", "Фиат"), ["Zastava"] = ("Yugo", "Застава"),
        ["Toyota"] = ("TOYOTA", "Тојота"), ["Ford"] = ("FORD", "Форд"), ["Dacia"] = ("DACIA", "Дачија"), ["Audi"] = ("AUDI", "Ауди"),
        ["BMW"] = ("bmw", "БМВ"), ["Hyundai"] = ("HYUNDAI", "Хјундаи"), ["Kia"] = ("KIA", "Киа"), ["Seat"] = ("SEAT", "Сеат"),
        ["Volvo"] = ("VOLVO", "Волво"), ["Nissan"] = ("NISSAN", "Нисан"), ["Lada"] = ("VAZ", "Лада"), ["Honda"] = ("HONDA", "Хонда"),
    };

    /// <summary>The record of <paramref name="vehicle"/> as <paramref name="party"/> holds it, and the noise applied.</summary>
    public VehicleRecord Render(SyntheticVehicle vehicle, string party, string recordId, List<string> variations)
    {
        var cyrillicParty = party is "RS" or "MK" or "BA" or "ME";
        var cyrillicShare = party switch { "RS" => 0.25, "MK" => 0.25, "BA" => 0.1, "ME" => 0.05, _ => 0.0 };
        if (vehicle.ReissuedPlate)
        {
            variations.Add("reissued_plate");
        }

        return new VehicleRecord
        {
            RecordId = recordId,
            PlateNumber = RenderPlate(vehicle.Plate, cyrillicShare, variations),
            RegistrationCountry = RenderCountry(vehicle.Country, cyrillicParty, variations),
            Vin = RenderVin(vehicle.Vin, variations),
            Make = RenderMake(vehicle.Make, cyrillicParty, variations),
            Model = random.Chance(0.15 * noise) ? null : vehicle.Model,
            Colour = random.Chance(0.3) ? null : vehicle.Colour,
            FirstRegistrationYear = RenderYear(vehicle.Year, variations),
            SubjectCategory = random.Chance(0.7) ? "suspect" : random.Chance(0.5) ? "person_of_interest" : "other",
        };
    }

    private string? RenderPlate(string plate, double cyrillicShare, List<string> variations)
    {
        if (random.Chance(0.03 * noise))
        {
            variations.Add("plate_missing");
            return null;
        }

        var text = plate;
        if (random.Chance(0.03 * noise) && (text.Contains('0', StringComparison.Ordinal) || text.Contains('O', StringComparison.Ordinal)))
        {
            variations.Add("plate_o0");
            text = text.Contains('0', StringComparison.Ordinal) ? ReplaceOne(text, '0', 'O') : ReplaceOne(text, 'O', '0');
        }

        if (random.Chance(cyrillicShare * noise))
        {
            variations.Add("plate_cyrillic");
            text = string.Concat(text.Select(c => SerbianCyrillic.TryGetValue(c, out var cyr) ? cyr : c.ToString()));
        }
        else if (random.Chance(0.06 * noise))
        {
            variations.Add("plate_mixed_script");
            text = string.Concat(text.Select(c => LookAlikes.TryGetValue(c, out var cyr) && random.Chance(0.5) ? cyr : c));
        }

        var u = random.NextDouble();
        text = u < 0.4 ? text
            : u < 0.6 ? text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)
            : u < 0.8 ? text.Replace(' ', '-')
            : u < 0.9 ? text.Replace('-', ' ')
            : text.Replace(' ', '.').Replace('-', '.');
        return random.Chance(0.05 * noise) ? text.ToLowerInvariant() : text;
    }

    private string? RenderCountry(string country, bool cyrillicParty, List<string> variations)
    {
        if (random.Chance(0.1 * noise))
        {
            variations.Add("country_missing");
            return null;
        }

        var (oval, cyrillic) = Codes.GetValueOrDefault(country, (country, country));
        var u = random.NextDouble();
        if (u < 0.3)
        {
            return country;
        }

        if (u < 0.6)
        {
            variations.Add("country_oval");
            return oval;
        }

        if (u < 0.75 && cyrillicParty)
        {
            variations.Add("country_cyrillic");
            return cyrillic;
        }

        if (country is "SI" or "IT" or "CH" or "BG")
        {
            return country; // no names for these in the synthetic country table
        }

        variations.Add("country_name");
        return CountryNames.Write(country, cyrillicParty ? NationalityStyle.SerbianLatin : NationalityStyle.English);
    }

    private string? RenderVin(string vin, List<string> variations)
    {
        if (random.Chance(0.25 * noise))
        {
            variations.Add("vin_missing");
            return null;
        }

        var text = vin;
        if (random.Chance(0.03 * noise))
        {
            variations.Add("vin_typo");
            var position = random.Next(17);
            var replacement = VinAlphabet[random.Next(VinAlphabet.Length)];
            text = text[..position] + (replacement == text[position] ? (replacement == '7' ? '1' : '7') : replacement) + text[(position + 1)..];
        }

        if (random.Chance(0.06 * noise))
        {
            variations.Add("vin_o0");
            text = text.Replace('0', 'O').Replace('1', 'I');
        }

        if (random.Chance(0.05 * noise))
        {
            text = text[..3] + " " + text[3..9] + " " + text[9..];
        }

        return random.Chance(0.05 * noise) ? text.ToLowerInvariant() : text;
    }

    private string? RenderMake(string make, bool cyrillicParty, List<string> variations)
    {
        if (random.Chance(0.1 * noise))
        {
            variations.Add("make_missing");
            return null;
        }

        var (shortName, cyrillic) = MakeSpellings.GetValueOrDefault(make, (make.ToUpperInvariant(), make));
        var u = random.NextDouble();
        if (u < 0.5)
        {
            return make;
        }

        if (u < 0.8 || !cyrillicParty)
        {
            variations.Add("make_spelling");
            return shortName;
        }

        variations.Add("make_cyrillic");
        return cyrillic;
    }

    private string? RenderYear(int year, List<string> variations)
    {
        if (random.Chance(0.2 * noise))
        {
            variations.Add("year_missing");
            return null;
        }

        if (random.Chance(0.02 * noise))
        {
            variations.Add("year_off_by_one");
            year += random.Chance(0.5) ? 1 : -1;
        }

        return random.Chance(0.3)
            ? string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 29):D2}.{random.Next(1, 13):D2}.{year}.")
            : year.ToString(CultureInfo.InvariantCulture);
    }

    private static string ReplaceOne(string text, char from, char to)
    {
        var index = text.IndexOf(from, StringComparison.Ordinal);
        var builder = new StringBuilder(text);
        builder[index] = to;
        return builder.ToString();
    }
}
