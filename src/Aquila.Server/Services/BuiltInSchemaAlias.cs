using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Server.Services;

/// <summary>
/// The names a project file may use instead of a schema's SHA-256 for a schema built into this server:
/// <c>"built-in"</c> (or empty) for the person schema, <c>"built-in:person"</c> and <c>"built-in:vehicle"</c>.
/// </summary>
internal static class BuiltInSchemaAlias
{
    private const string Prefix = "built-in:";

    /// <summary>The built-in schema an alias names; null when <paramref name="schemaHash"/> is no alias (a hash).</summary>
    public static MatchKeySchema? Resolve(string schemaHash)
    {
        if (schemaHash is "" or "built-in")
        {
            return MatchKeySchema.Default;
        }

        return schemaHash.StartsWith(Prefix, StringComparison.Ordinal) && RecordTypes.TryParse(schemaHash[Prefix.Length..], out var type)
            ? MatchKeySchema.BuiltIn(type)
            : null;
    }

    /// <summary>The built-in schemas with their aliases and hashes, for a refusal message.</summary>
    public static string Describe()
    {
        var parts = new List<string>();
        foreach (var type in RecordTypes.All)
        {
            parts.Add($"\"{Prefix}{RecordTypes.Name(type)}\" = sha256:{MatchKeySchema.BuiltIn(type).HashHex}");
        }

        return "built-in: " + string.Join(", ", parts) + "; \"built-in\" alone is the person schema";
    }
}
