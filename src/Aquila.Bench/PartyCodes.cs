namespace Aquila.Bench;

/// <summary>Party codes of a load run: the six of the region first, then made-up ones.</summary>
public static class PartyCodes
{
    private static readonly string[] Region = ["RS", "BA", "ME", "MK", "AL", "XK"];

    /// <summary>The first <paramref name="count"/> party codes.</summary>
    public static string[] Take(int count)
    {
        var codes = new string[count];
        for (var i = 0; i < count; i++)
        {
            codes[i] = i < Region.Length ? Region[i] : "Z" + (char)('A' + i - Region.Length);
        }

        return codes;
    }
}
