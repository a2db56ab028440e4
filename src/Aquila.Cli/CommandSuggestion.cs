using System.CommandLine;

namespace Aquila.Cli;

/// <summary>What to say when a command line does not parse: the command meant, for a mistyped one.</summary>
internal static class CommandSuggestion
{
    /// <summary>True for a command that only groups others (<c>aquila</c>, <c>aquila node</c>) given without one of them.</summary>
    public static bool IsGroupWithoutSubcommand(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        return command.Subcommands.Count > 0 && command.Action is null && parse.Tokens.Count == Depth(parse);
    }

    /// <summary>"Did you mean …?" for the first unknown word that is close to a subcommand's name, or null.</summary>
    public static string? For(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        foreach (var token in parse.UnmatchedTokens)
        {
            if (token.StartsWith('-'))
            {
                continue;
            }

            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var sub in command.Subcommands)
            {
                var distance = Distance(token.ToLowerInvariant(), sub.Name);
                if (distance < bestDistance || (sub.Name.StartsWith(token, StringComparison.OrdinalIgnoreCase) && best is null))
                {
                    best = sub.Name;
                    bestDistance = distance;
                }
            }

            var path = CommandPath(parse);
            if (best is not null && (bestDistance <= Math.Max(1, token.Length / 3) || best.StartsWith(token, StringComparison.OrdinalIgnoreCase)))
            {
                return $"'{token}' is not an {path} command. Did you mean '{path} {best}'?";
            }

            return $"'{token}' is not an {path} command; `{path} --help` lists them.";
        }

        return null;
    }

    private static int Depth(ParseResult parse)
    {
        var depth = 0;
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            depth++;
        }

        return depth;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? result = parse.CommandResult; result is System.CommandLine.Parsing.CommandResult c; result = c.Parent)
        {
            names.Insert(0, c.Parent is null ? "aquila" : c.Command.Name);
        }

        return string.Join(' ', names);
    }

    // Levenshtein distance: small for a swapped, missing or extra letter.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
