using Aquila.Tokens;

namespace Aquila.Cli.Local;

/// <summary>
/// The party exports in a folder: <c>CODE.csv</c> files whose name is a party code. Anything else there (the
/// <c>truth.csv</c> and <c>variations.csv</c> that <c>aquila synth</c> writes beside them) is not a party.
/// </summary>
internal static class PartyFiles
{
    public static string[] In(string folder) =>
        Directory.GetFiles(folder, "*.csv")
            .Where(p => Identifiers.IsValidPartyCode(Path.GetFileNameWithoutExtension(p)))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
