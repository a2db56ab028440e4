namespace Aquila.Synthetic.Names;

/// <summary>One name of a person as the truth knows it, with the other spellings the name has in the region.</summary>
/// <param name="Pivot">The name in the orthography of <paramref name="Origin"/>.</param>
/// <param name="Origin">The orthography of <paramref name="Pivot"/>.</param>
/// <param name="Variants">Other accepted transliterations (Arabic-origin names), or null.</param>
internal readonly record struct NamePart(string Pivot, NameOrigin Origin, string[]? Variants)
{
    public bool IsEmpty => Pivot is null || Pivot.Length == 0;
}
