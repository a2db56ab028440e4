namespace Aquila.Tokens.Keys;

/// <summary>
/// Which stage-1 hits a schema with a scoring section releases on stage 1's word (the <c>"scoring"."stage1"</c> option):
/// a key's verdict is final, or only a strong key's is and a weaker key is evidence for stage 2 to weigh.
/// </summary>
public enum Stage1Verdicts
{
    /// <summary>
    /// <c>"all-bands"</c> (the default, persons): every stage-1 hit is released in its key's band; stage 2 may lift it,
    /// never lower it.
    /// </summary>
    AllBands = 0,

    /// <summary>
    /// <c>"strong-only"</c> (vehicles): a stage-1 hit whose best key is below strong is held until stage 2 scores the pair
    /// and is released in stage 2's band, or not at all; a strong key's hit is released as under <see cref="AllBands"/>.
    /// </summary>
    StrongOnly = 1,
}
