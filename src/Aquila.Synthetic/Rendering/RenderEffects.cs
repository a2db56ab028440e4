namespace Aquila.Synthetic.Rendering;

/// <summary>What rendering a name in a party's style changed compared with its pivot spelling.</summary>
[Flags]
internal enum RenderEffects
{
    None = 0,
    Script = 1,
    AlbanianRendering = 2,
    SlavicRendering = 4,
    DiacriticsDropped = 8,
    Transliteration = 16,
}
