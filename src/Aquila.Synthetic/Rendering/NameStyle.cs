namespace Aquila.Synthetic.Rendering;

/// <summary>How a party writes the names of one record.</summary>
internal enum NameStyle
{
    /// <summary>Gaj's Latin alphabet with diacritics (Petrović).</summary>
    GajLatin,

    /// <summary>Latin without diacritics (Petrovic, Djordjevic).</summary>
    GajLatinPlain,

    /// <summary>Serbian Cyrillic (Петровић).</summary>
    SerbianCyrillic,

    /// <summary>Macedonian Cyrillic (Ѓорѓиевски).</summary>
    MacedonianCyrillic,

    /// <summary>Macedonian official romanisation (Gjorgjievski, Kjosev).</summary>
    MacedonianLatin,

    /// <summary>English-style spelling (Petrovich).</summary>
    EnglishLatin,

    /// <summary>Albanian orthography (Petroviq, Krasniqi).</summary>
    Albanian,

    /// <summary>Albanian orthography without ë and ç.</summary>
    AlbanianPlain,
}
