using System.Text;
using System.Text.RegularExpressions;

namespace Aquila.Cli.Tests.Support;

/// <summary>
/// The shell lines of README.md's step-by-step section, as a reader would type them: every fenced <c>sh</c> block
/// of the section in order, continuation lines (ending in <c>\</c>) joined, blank and comment-only lines left out.
/// Nothing else is interpreted: a line keeps its trailing <c># comment</c> and its <c>&amp;</c> for the shell.
/// </summary>
public static partial class ReadmeWalkthrough
{
    public const string SectionTitle = "## How a project runs, step by step";

    public static IReadOnlyList<string> CommandLines(string readme)
    {
        var start = readme.IndexOf(SectionTitle, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no section '{SectionTitle}'.");
        var next = readme.IndexOf("\n## ", start + SectionTitle.Length, StringComparison.Ordinal);
        var section = next < 0 ? readme[start..] : readme[start..next];

        var lines = new List<string>();
        foreach (Match block in ShellBlock().Matches(section))
        {
            var pending = new StringBuilder();
            foreach (var raw in block.Groups["body"].Value.Split('\n'))
            {
                var line = raw.TrimEnd();
                if (line.EndsWith('\\'))
                {
                    pending.Append(line[..^1]).Append(' ');
                    continue;
                }

                pending.Append(line);
                var joined = pending.ToString().Trim();
                pending.Clear();
                if (joined.Length > 0 && !joined.StartsWith('#'))
                {
                    lines.Add(joined);
                }
            }
        }

        return lines;
    }

    /// <summary>True when the shell would run the line in the background (it ends in <c>&amp;</c>, before any comment).</summary>
    public static bool IsBackground(string line) => BackgroundEnd().IsMatch(line);

    [GeneratedRegex(@"^```sh\n(?<body>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"(?<!&)&\s*(#.*)?$")]
    private static partial Regex BackgroundEnd();
}
