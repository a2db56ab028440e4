using System.Text.Json.Nodes;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Tests.Support;

/// <summary>
/// The built-in person schema without its "scoring" section: stage-1 keys only. Tests that compare a path that runs
/// stage 2 (the embedded store of a coordinated project) with one that does not (the in-process stage-1 path, the Redis
/// store) pin this schema on both, so they compare like with like.
/// </summary>
internal static class StageOneSchema
{
    /// <summary>Writes the schema to <paramref name="path"/> and returns the path.</summary>
    public static string Write(string path)
    {
        using var stream = typeof(MatchKeySchema).Assembly.GetManifestResourceStream("Aquila.Tokens.Schema.match-keys-v1.json")
            ?? throw new InvalidOperationException("The built-in person schema resource is missing.");
        var schema = JsonNode.Parse(stream)!.AsObject();
        schema.Remove("scoring");
        File.WriteAllText(path, schema.ToJsonString());
        return path;
    }
}
