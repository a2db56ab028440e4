using Aquila.Tokens.Keys;

namespace Aquila.Matching.Index;

/// <summary>A match key as the matcher sees it: its schema id (e.g. <c>name+dob</c>) and its band.</summary>
/// <param name="Id">The key id from the project's match-key schema.</param>
/// <param name="Band">The band a hit on this key alone has.</param>
public sealed record HitKey(string Id, MatchBand Band)
{
    /// <summary>The matcher's keys of <paramref name="schema"/>, in schema order: each key's id and band.</summary>
    public static IReadOnlyList<HitKey> FromSchema(MatchKeySchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var keys = new HitKey[schema.Keys.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = new HitKey(schema.Keys[i].Id, schema.Keys[i].Band);
        }

        return keys;
    }
}
