using Aquila.Matching.Index;

namespace Aquila.Matching.Projects;

/// <summary>
/// What a matching project is, as far as the matcher is concerned: its id, roster, match-key schema and fanout limit.
/// It is written as the first record of the project's log and must be the same on every open, because replaying the
/// log with another roster or schema would give other hits.
/// </summary>
public sealed class ProjectDefinition
{
    /// <summary>Size of <see cref="SchemaHash"/> in bytes (SHA-256).</summary>
    public const int SchemaHashSize = 32;

    /// <summary>The project id, as used in hit ids (1 to 256 UTF-8 bytes).</summary>
    public required string ProjectId { get; init; }

    /// <summary>The roster: party codes in a fixed order (a party's number is its position).</summary>
    public required IReadOnlyList<string> Parties { get; init; }

    /// <summary>SHA-256 of the project's match-key schema document, pinned when the project was created.</summary>
    public required ReadOnlyMemory<byte> SchemaHash { get; init; }

    /// <summary>The match keys in schema order: a token's key index is a position in this list.</summary>
    public required IReadOnlyList<HitKey> Keys { get; init; }

    /// <summary>Largest number of one party's records that may share a token and still be used for hits.</summary>
    public int MaxFanout { get; init; } = 5;

    /// <summary>
    /// The schema's stage-2 scoring section, or null (stage 1 only). Not written to the log: the schema hash already
    /// pins it. The embedded store keeps block entries and scores candidates only when it is set.
    /// </summary>
    public Aquila.Tokens.Keys.ScoringSpec? Scoring { get; init; }

    internal void Validate()
    {
        HitIdentity.ValidateProjectId(ProjectId);
        if (Parties is null || Parties.Count == 0)
        {
            throw new ArgumentException("The project definition needs a roster of at least one party.", nameof(Parties));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var party in Parties)
        {
            HitIdentity.ValidatePartyCode(party);
            if (!seen.Add(party))
            {
                throw new ArgumentException($"Party code {party} appears twice in the roster.", nameof(Parties));
            }
        }

        if (SchemaHash.Length != SchemaHashSize)
        {
            throw new ArgumentException(
                $"ProjectDefinition.SchemaHash must be {SchemaHashSize} bytes (SHA-256), not {SchemaHash.Length}.", nameof(SchemaHash));
        }

        // Throws with the reason when the keys are not a usable schema (count, ids, bands).
        _ = new HitKeySchema(Keys ?? throw new ArgumentException("The project definition needs at least one match key.", nameof(Keys)));

        if (MaxFanout is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFanout), MaxFanout, "ProjectDefinition.MaxFanout must be 1 to 1,000,000.");
        }
    }
}
