namespace Aquila.Tokens.Keys;

/// <summary>Schema names of <see cref="ScoringFieldKind"/> values.</summary>
public static class ScoringFieldKinds
{
    private static readonly string[] Names = ["string-bloom", "date", "exact"];

    /// <summary>Every name, in <see cref="ScoringFieldKind"/> order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The schema name of <paramref name="kind"/>.</summary>
    public static string Name(ScoringFieldKind kind) => Names[(int)kind];

    /// <summary>Finds the kind named <paramref name="name"/>.</summary>
    public static bool TryParse(string? name, out ScoringFieldKind kind)
    {
        var index = Array.IndexOf(Names, name);
        kind = (ScoringFieldKind)Math.Max(index, 0);
        return index >= 0;
    }
}
