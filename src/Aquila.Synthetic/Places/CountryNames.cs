using Aquila.Synthetic.Rendering;

namespace Aquila.Synthetic.Places;

/// <summary>Country codes and names of the countries synthetic persons come from.</summary>
internal static class CountryNames
{
    // alpha-2, alpha-3, Serbian (Latin), Bosnian/Croatian/Montenegrin, Albanian, English.
    private static readonly string[][] Rows =
    [
        ["RS", "SRB", "Srbija", "Srbija", "Serbi", "Serbia"],
        ["BA", "BIH", "Bosna i Hercegovina", "Bosna i Hercegovina", "Bosnja dhe Hercegovina", "Bosnia and Herzegovina"],
        ["ME", "MNE", "Crna Gora", "Crna Gora", "Mali i Zi", "Montenegro"],
        ["MK", "MKD", "Severna Makedonija", "Sjeverna Makedonija", "Maqedonia e Veriut", "North Macedonia"],
        ["AL", "ALB", "Albanija", "Albanija", "Shqipëri", "Albania"],
        ["XK", "XKX", "Kosovo", "Kosovo", "Kosovë", "Kosovo"],
        ["HR", "HRV", "Hrvatska", "Hrvatska", "Kroacia", "Croatia"],
        ["SY", "SYR", "Sirija", "Sirija", "Siria", "Syria"],
        ["IQ", "IRQ", "Irak", "Irak", "Iraku", "Iraq"],
        ["TR", "TUR", "Turska", "Turska", "Turqia", "Turkey"],
        ["DE", "DEU", "Nemačka", "Njemačka", "Gjermania", "Germany"],
        ["AT", "AUT", "Austrija", "Austrija", "Austri", "Austria"],
    ];

    private static readonly Dictionary<string, string[]> ByCode = Build();

    /// <summary>The nationality <paramref name="alpha2"/> written in <paramref name="style"/>.</summary>
    public static string Write(string alpha2, NationalityStyle style)
    {
        var row = ByCode[alpha2];
        return style switch
        {
            NationalityStyle.Alpha2 => row[0],
            NationalityStyle.Alpha3 => row[1],
            NationalityStyle.SerbianLatin => row[2],
            NationalityStyle.SerbianCyrillic => GajLatin.ToCyrillic(row[2], macedonian: false),
            NationalityStyle.Bosnian => row[3],
            NationalityStyle.MacedonianCyrillic => GajLatin.ToCyrillic(row[2], macedonian: true),
            NationalityStyle.Albanian => row[4],
            _ => row[5],
        };
    }

    private static Dictionary<string, string[]> Build()
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var row in Rows)
        {
            map[row[0]] = row;
        }

        return map;
    }
}
