using System.Text;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Keys;

/// <summary>A small schema with a scoring section, for the tests of the scoring section's options.</summary>
internal static class ScoringSchemaText
{
    /// <summary>One comparison field, the given name.</summary>
    public const string GivenField = """{ "id": "given", "kind": "string-bloom", "source": "given_name" }""";

    /// <summary>Band thresholds of the schema unless a test states its own.</summary>
    public const string Bands = """ "strong": 0.9999, "probable": 0.999, "possible": 0.95 """;

    /// <summary>
    /// Parses the schema with <paramref name="extra"/> after the bands (further options of the scoring section, each
    /// starting with a comma), <paramref name="fields"/> as its comparison fields and <paramref name="bands"/> inside
    /// its bands object.
    /// </summary>
    public static MatchKeySchema Parse(string extra, string fields = GivenField, string bands = Bands) =>
        MatchKeySchema.Parse(Encoding.UTF8.GetBytes($$"""
            { "schema": "aquila-match-keys", "version": 1,
              "keys": [{ "id": "name_dob", "band": "strong", "fields": ["name", "dob"] }],
              "scoring": { "fields": [{{fields}}],
                           "blocks": [{ "id": "b_given", "parts": ["given"] }],
                           "bands": { {{bands}} } {{extra}} } }
            """), "my-schema.json");
}
