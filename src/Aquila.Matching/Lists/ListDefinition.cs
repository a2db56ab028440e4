using Aquila.Matching.Index;

namespace Aquila.Matching.Lists;

/// <summary>What a <see cref="JointList"/> is: its project id, its contributors and the project's match keys.</summary>
public sealed class ListDefinition
{
    /// <summary>The list project's id.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The contributing parties, in a fixed order (at most 255).</summary>
    public required IReadOnlyList<string> Contributors { get; init; }

    /// <summary>The match keys in schema order: a token's key index is a position in this list.</summary>
    public required IReadOnlyList<HitKey> Keys { get; init; }

    internal void Validate()
    {
        HitIdentity.ValidateProjectId(ProjectId);
        ArgumentNullException.ThrowIfNull(Contributors);
        if (Contributors.Count is 0 or > 255)
        {
            throw new ArgumentException($"A list needs 1 to 255 contributors; got {Contributors.Count}.", nameof(Contributors));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var contributor in Contributors)
        {
            HitIdentity.ValidatePartyCode(contributor);
            if (!seen.Add(contributor))
            {
                throw new ArgumentException($"Contributor {contributor} is listed twice.", nameof(Contributors));
            }
        }

        _ = new HitKeySchema(Keys);
    }
}
