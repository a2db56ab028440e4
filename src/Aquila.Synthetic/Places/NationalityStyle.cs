namespace Aquila.Synthetic.Places;

/// <summary>How a nationality is written: ISO codes or the country's name in the party's language.</summary>
internal enum NationalityStyle
{
    Alpha2,
    Alpha3,
    SerbianLatin,
    SerbianCyrillic,
    Bosnian,
    MacedonianCyrillic,
    Albanian,
    English,
}
