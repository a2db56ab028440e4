namespace Aquila.Security.Ceremony;

/// <summary>
/// What a party accepted when it joined the project: the project id and the invited parties. Each participant holds
/// its own copy (from the invitation it verified), so the relay cannot add a party to anyone's roster.
/// </summary>
public sealed class CeremonyInvitation
{
    /// <summary>Creates the invitation.</summary>
    /// <param name="projectId">The project id: 1-256 UTF-8 bytes without control characters.</param>
    /// <param name="parties">The invited parties (2-255 distinct party codes, any order).</param>
    /// <exception cref="ArgumentException">The project id or the party list is not valid.</exception>
    public CeremonyInvitation(string projectId, IEnumerable<string> parties)
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
