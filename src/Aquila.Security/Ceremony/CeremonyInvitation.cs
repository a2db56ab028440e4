namespace Aquila.Security.Ceremony;

/// <summary>
/// What a party accepted when it joined the project: the project id, the invited parties and each party's pinned
/// node-certificate public-key hash (<see cref="AgreedParties"/>). Each participant holds its own copy (agreed out of
/// band), so neither the relay nor the CA can add a party to anyone's roster or stand in for an invited party.
/// </summary>
public sealed class CeremonyInvitation
{
    /// <summary>Creates the invitation from the parties agreed out of band, with their pinned keys.</summary>
    /// <param name="projectId">The project id: 1-256 UTF-8 bytes without control characters.</param>
    /// <param name="agreed">The agreed parties and their node-certificate public-key hashes.</param>
    /// <exception cref="ArgumentException">The project id or the party list is not valid.</exception>
    public CeremonyInvitation(string projectId, AgreedParties agreed)
        : this(projectId, (agreed ?? throw new ArgumentNullException(nameof(agreed))).Parties)
    {
        Agreed = agreed;
    }

    /// <summary>
    /// An invitation without pinned keys, where the CA alone vouches for each party. Internal: only unit tests of the
    /// ceremony's cryptography use it; a node always pins (issue 24: the operator runs the CA).
    /// </summary>
    internal CeremonyInvitation(string projectId, IEnumerable<string> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        if (!CeremonyWire.IsValidProjectId(projectId))
        {
            throw new ArgumentException($"A project id is 1-{CeremonyWire.MaxProjectIdBytes} UTF-8 bytes without control characters.", nameof(projectId));
        }

        var sorted = new List<string>(parties);
        foreach (var party in sorted)
        {
            if (!PartyCode.IsValid(party))
            {
                throw new ArgumentException("Every invited party must be a code of two or three upper-case letters.", nameof(parties));
            }
        }

        sorted.Sort(StringComparer.Ordinal);
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                throw new ArgumentException($"Party {sorted[i]} is invited twice.", nameof(parties));
            }
        }

        if (sorted.Count is < 2 or > byte.MaxValue)
        {
            throw new ArgumentException("A key ceremony needs 2-255 invited parties.", nameof(parties));
        }

        ProjectId = projectId;
        Parties = sorted;
    }

    /// <summary>The project id.</summary>
    public string ProjectId { get; }

    /// <summary>The pinned public-key hashes; null only for the internal unpinned invitation of unit tests.</summary>
    public AgreedParties? Agreed { get; }

    /// <summary>The invited parties in ordinal order: the roster order.</summary>
    public IReadOnlyList<string> Parties { get; }

    /// <summary>Position of <paramref name="party"/> in <see cref="Parties"/>, or -1 when it is not invited.</summary>
    public int IndexOf(string party)
    {
        for (var i = 0; i < Parties.Count; i++)
        {
            if (string.Equals(Parties[i], party, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
