using System.Globalization;
using Aquila.Synthetic.Places;

namespace Aquila.Synthetic.Rendering;

/// <summary>The conventions of the six Western Balkan parties, and a generic one for any other party.</summary>
internal static class PartyConventions
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static PartyConvention For(string party) => party switch
    {
        "RS" => new PartyConvention
        {
            Party = party,
            HomeCountry = "RS",
            Styles = [(NameStyle.SerbianCyrillic, 0.55), (NameStyle.GajLatin, 0.40), (NameStyle.EnglishLatin, 0.05)],
            KeepAlbanian = 0.3,
            UppercaseFamily = 0.1,
            FatherPresent = 0.85,
            DateFormat = DateFormat.DotsWithTrailingDot,
            SecondDateFormat = DateFormat.Iso,
            Nationality = [(NationalityStyle.Alpha3, 0.6), (NationalityStyle.SerbianCyrillic, 0.25), (NationalityStyle.SerbianLatin, 0.15)],
            RecordId = (year, n) => string.Create(Invariant, $"RS-MUP-{year}-{n:000000}"),
        },
        "BA" => new PartyConvention
        {
            Party = party,
            HomeCountry = "BA",
            Styles = [(NameStyle.GajLatin, 0.88), (NameStyle.SerbianCyrillic, 0.12)],
            KeepAlbanian = 0.5,
            UppercaseFamily = 0.25,
            FatherPresent = 0.75,
            DateFormat = DateFormat.Dots,
            SecondDateFormat = DateFormat.DotsWithTrailingDot,
            Nationality = [(NationalityStyle.Alpha3, 0.7), (NationalityStyle.Bosnian, 0.3)],
            RecordId = (year, n) => string.Create(Invariant, $"BiH/SIPA/{year}/{n:00000}"),
        },
        "ME" => new PartyConvention
        {
            Party = party,
            HomeCountry = "ME",
            Styles = [(NameStyle.GajLatin, 0.93), (NameStyle.SerbianCyrillic, 0.07)],
            KeepAlbanian = 0.6,
            FatherPresent = 0.7,
            DateFormat = DateFormat.DotsWithTrailingDot,
            SecondDateFormat = DateFormat.Compact,
            Nationality = [(NationalityStyle.Alpha2, 0.5), (NationalityStyle.Bosnian, 0.5)],
            RecordId = (year, n) => string.Create(Invariant, $"UP-CG-{year}{n:0000000}"),
        },
        "MK" => new PartyConvention
        {
            Party = party,
            HomeCountry = "MK",
            Styles = [(NameStyle.MacedonianCyrillic, 0.5), (NameStyle.MacedonianLatin, 0.4), (NameStyle.GajLatin, 0.1)],
            KeepAlbanian = 0.6,
            UppercaseAll = 0.1,
            FatherPresent = 0.6,
            DateFormat = DateFormat.Dots,
            SecondDateFormat = DateFormat.Compact,
            Nationality = [(NationalityStyle.Alpha3, 0.7), (NationalityStyle.MacedonianCyrillic, 0.3)],
            RecordId = (year, n) => string.Create(Invariant, $"MVR-{year}-{n:00000}"),
        },
        "AL" => new PartyConvention
        {
            Party = party,
            HomeCountry = "AL",
            Styles = [(NameStyle.GajLatin, 0.5), (NameStyle.EnglishLatin, 0.5)],
            AlbanianSpeaking = true,
            KeepAlbanian = 1,
            UppercaseAll = 0.45,
            FatherPresent = 0.85,
            DateFormat = DateFormat.Slashes,
            SecondDateFormat = DateFormat.Iso,
            Nationality = [(NationalityStyle.Albanian, 0.6), (NationalityStyle.Alpha3, 0.4)],
            Sex = ("M", "F"),
            RecordId = (year, n) => string.Create(Invariant, $"PSH{year % 100:00}-{n:0000000}"),
        },
        "XK" => new PartyConvention
        {
            Party = party,
            HomeCountry = "XK",
            Styles = [(NameStyle.GajLatin, 0.7), (NameStyle.EnglishLatin, 0.2), (NameStyle.SerbianCyrillic, 0.1)],
            AlbanianSpeaking = true,
            KeepAlbanian = 1,
            UppercaseFamily = 0.2,
            FatherPresent = 0.75,
            DateFormat = DateFormat.Iso,
            SecondDateFormat = DateFormat.Dots,
            Nationality = [(NationalityStyle.Alpha2, 0.6), (NationalityStyle.Albanian, 0.4)],
            Sex = ("M", "F"),
            RecordId = (year, n) => string.Create(Invariant, $"PK-{year}-{n:000000}"),
        },
        _ => new PartyConvention
        {
            Party = party,
            HomeCountry = null,
            Styles = [(NameStyle.GajLatin, 0.6), (NameStyle.EnglishLatin, 0.4)],
            FatherPresent = 0.4,
            DateFormat = DateFormat.Iso,
            SecondDateFormat = DateFormat.Dots,
            Nationality = [(NationalityStyle.Alpha3, 0.8), (NationalityStyle.English, 0.2)],
            Sex = ("M", "F"),
            RecordId = (year, n) => string.Create(Invariant, $"{party}-{year}-{n:0000000}"),
        },
    };
}
