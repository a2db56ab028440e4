using Aquila.Protocol.V1;

namespace Aquila.Node.Lists;

/// <summary>A contributor's change read from its file, ready to send (<see cref="ListChange"/>).</summary>
public sealed class PreparedListChange
{
    internal PreparedListChange(List<string> recordIds, List<ListEntryProblem> problems, List<ListEntry> entries, List<byte[]> removals,
        int notOnList)
    {
        RecordIds = recordIds;
        Problems = problems;
        Entries = entries;
        Removals = removals;
        NotOnList = notOnList;
    }

    /// <summary>The record ids of the rows taken.</summary>
    public IReadOnlyList<string> RecordIds { get; }

    /// <summary>Rows left out, each with its line and reason.</summary>
    public IReadOnlyList<ListEntryProblem> Problems { get; }

    /// <summary>A removal: record ids that are not on the list (the handle map does not know them).</summary>
    public int NotOnList { get; }

    // Record ids of the change that were not on the list (and whether they had been removed): their handles leave the map
    // again when the server refuses the change.
    internal IReadOnlyList<(string RecordId, bool WasRemoved)> Unlisted { get; init; } = [];

    internal List<ListEntry> Entries { get; }

    internal List<byte[]> Removals { get; }
}
