namespace Aquila.Synthetic.Names;

/// <summary>The orthography a name is stored in before a party writes it down.</summary>
internal enum NameOrigin
{
    /// <summary>Serbian, Croatian, Bosnian or Montenegrin name in Gaj's Latin alphabet (Petrović).</summary>
    Slavic,

    /// <summary>Macedonian name, stored in Gaj's Latin alphabet (Đorđievski) but written with Macedonian letters.</summary>
    Macedonian,

    /// <summary>Albanian name in standard Albanian orthography (Krasniqi, Thaçi).</summary>
    Albanian,

    /// <summary>Foreign (Arabic) name in English-style transliteration (Mohammed Al-Hassan).</summary>
    Foreign,
}
