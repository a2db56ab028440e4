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
    /// The largest initial capacity: 2^22 tokens, a bucket array of 1.25 × 2^22 × 8 bytes = 40 MiB. A silly declaration
    /// cannot make the server allocate more up front; a real project beyond it grows the index as usual.
    /// </summary>
    public const int Max = 1 << 22;

    /// <summary>The capacity when nothing is declared: the index's own default.</summary>
    public const int Default = 1024;

    /// <summary>The initial token capacity for <paramref name="project"/> under <paramref name="schema"/>.</summary>
    public static int For(MatchingProject project, MatchKeySchema schema)
    {
        // Tokens per record = 1.5 × the schema's key count, measured: `aquila synth --persons 2000 --parties RS,BA`
        // tokenised under the built-in schema (23 keys) gave 33.9 and 32.1 tokens per record (spelling variants and
        // ambiguous dates emit several tokens under one key; records lacking a field emit none). Tokens shared between
        // parties are one index entry, so the sum over the parties errs on the large side.
        var tokensPerRecord = Math.Max(1, (schema.Keys.Count * 3 + 1) / 2);
        double records = 0;
        foreach (var party in project.Parties)
        {
            records += Math.Max(0, party.DeclaredRecords);
        }

        var tokens = records * tokensPerRecord;
        return tokens <= Default ? Default : (int)Math.Min(tokens, Max);
    }
}
