using Aquila.Tokens.Keys;

namespace Aquila.Server.Projects;

/// <summary>
/// The match-key schemas this server can run: the built-in ones (persons and vehicles-v1), those of Server:SchemaPaths, and those the declared
/// projects name (added as they open). Filled at start; read by project creation, the matcher and the lists.
/// </summary>
internal sealed class SchemaCatalogue
{
    private readonly List<MatchKeySchema> _schemas = [];
    private readonly Lock _lock = new();

    /// <summary>Loads the schemas of <paramref name="paths"/>.</summary>
    public static SchemaCatalogue Load(IEnumerable<string> paths)
    {
        var catalogue = new SchemaCatalogue();
        foreach (var path in paths)
        {
            catalogue.Add(MatchKeySchema.Load(path));
        }

        return catalogue;
    }

    /// <summary>Adds a schema a declared project names.</summary>
    public void Add(MatchKeySchema schema)
    {
        lock (_lock)
        {
            _schemas.Add(schema);
        }
    }

    /// <summary>The schema with this SHA-256 (hex, either case), or null when this server does not have it.</summary>
    public MatchKeySchema? Find(string sha256Hex)
    {
        if (string.Equals(MatchKeySchema.Default.HashHex, sha256Hex, StringComparison.OrdinalIgnoreCase))
        {
            return MatchKeySchema.Default;
        }

        if (string.Equals(MatchKeySchema.Vehicles.HashHex, sha256Hex, StringComparison.OrdinalIgnoreCase))
        {
            return MatchKeySchema.Vehicles;
        }

        lock (_lock)
        {
            foreach (var schema in _schemas)
            {
                if (string.Equals(schema.HashHex, sha256Hex, StringComparison.OrdinalIgnoreCase))
                {
                    return schema;
                }
            }
        }

        return null;
    }
}
