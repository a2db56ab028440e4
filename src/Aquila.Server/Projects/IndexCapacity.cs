using Aquila.Coordination.Projects;
using Aquila.Tokens.Keys;

namespace Aquila.Server.Projects;

/// <summary>
/// How many distinct tokens a coordinated project's index is sized for when its matcher opens: the parties' declared
/// data-set sizes times the tokens a record gives, capped.
/// </summary>
internal static class IndexCapacity
{
    /// <summary>
    /// The largest initial capacity: 2^22 tokens, a bucket array of 2^23 × 8 bytes = 64 MiB. A silly declaration
    /// cannot make the server allocate more up front; a real project beyond it grows the index as usual.
    /// </summary>
    public const int Max = 1 << 22;

    /// <summary>The capacity when nothing is declared: the index's own default.</summary>
    public const int Default = 1024;

    /// <summary>The initial token capacity for <paramref name="project"/> under <paramref name="schema"/>.</summary>
    public static int For(MatchingProject project, MatchKeySchema schema)
    {
        // Tokens per record = the schema's key count (one token per match key). Derived, not measured: records that
        // lack a field (no national id, no document, no father's name) give fewer, an ambiguous date gives a second
        // token for a few keys, and tokens shared between parties are one index entry — so the sum over the parties is
        // an upper bound of the distinct tokens in all but contrived data.
        var tokensPerRecord = Math.Max(1, schema.Keys.Count);
        double records = 0;
        foreach (var party in project.Parties)
        {
            records += Math.Max(0, party.DeclaredRecords);
        }

        var tokens = records * tokensPerRecord;
        return tokens <= Default ? Default : (int)Math.Min(tokens, Max);
    }
}
