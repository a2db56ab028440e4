using Aquila.Server.Options;
using Aquila.Tokens.Input;
using Aquila.Tokens.Pipeline;

namespace Aquila.Cli.Local;

/// <summary>
/// A dry run through the real server: start a <see cref="LocalMatchingRun"/>, run a coordinated project and its key
/// ceremony, let every party's node tokenise and submit its export over mutual TLS, move the project to Matching,
/// read each party's hits and join both sides of each hit. With a Redis store the run is spread over several server
/// instances: the first coordinates (project, ceremony, Matching), parties submit to and read hits from the others too.
/// </summary>
internal static class ServerMatching
{
    /// <summary>Runs the project; returns the hit pairs and each party's tokenise summary, in the order of <paramref name="exports"/>.</summary>
    public static async Task<(List<HitPair> Pairs, TokenizeSummary[] Summaries)> RunAsync(string workDirectory,
        IReadOnlyList<(string Party, string CsvPath)> exports, ColumnMap columns, string? schemaPath, CancellationToken cancellationToken,
        string projectId = "evaluation", RedisMatcherOptions? redis = null, int instances = 1)
    {
        var codes = exports.Select(e => e.Party).ToArray();
        // A real one-time project: created by a coordinator, keyed by a ceremony among the parties, hits released in Matching.
        await using var run = await LocalMatchingRun.StartAsync(workDirectory, Path.Combine(workDirectory, "server"), projectId,
            codes, schemaPath, cancellationToken, coordinated: true, redis, instances);
        await run.RunProjectThroughCeremonyAsync(_ => 1_000_000_000, cancellationToken);

        var summaries = new TokenizeSummary[exports.Count];
        for (var i = 0; i < exports.Count; i++)
        {
            summaries[i] = run.Tokenize(exports[i].Party, exports[i].CsvPath, columns, cancellationToken);
        }

        await Task.WhenAll(codes.Select(code => run.SubmitAsync(code, cancellationToken)));
        await run.StartMatchingAsync(cancellationToken);

        var views = new List<ResolvedHit>();
        foreach (var code in codes)
        {
            views.AddRange(await run.HitsAsync(code, cancellationToken));
        }

        return (HitPair.Join(views), summaries);
    }
}
