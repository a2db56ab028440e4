using System.Text.RegularExpressions;

namespace Aquila.Cli;

/// <summary>
/// Messages are often built from parts that each end a sentence (a server's reason, an exception's message, then
/// the command's own text): one full stop where two meet, an ellipsis left alone.
/// </summary>
internal static partial class Sentence
{
    public static string OneFullStop(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return DoubledStop().Replace(message, ".");
    }

    // Two full stops, possibly with a closing bracket or quote or spaces between them (". ).", "..", ". ."), not "...".
    [GeneratedRegex(@"(?<!\.)\.(\s*)\.(?!\.)")]
    private static partial Regex DoubledStop();
}
