using Aquila.Protocol.V1;

namespace Aquila.Node.Inbox;

/// <summary>The projects the node's party is invited to, as the server lists them to the node (purged ones left out).</summary>
internal static class PartyProjects
{
    public static async Task<IReadOnlyList<string>> ListAsync(Protocol.V1.Coordination.CoordinationClient client, string party,
        CancellationToken cancellationToken)
    {
        var response = await client.ListProjectsAsync(new ListProjectsRequest(), cancellationToken: cancellationToken);
        return [.. response.Projects
            .Where(p => p.Parties.Contains(party) && !string.Equals(p.State, "purged", StringComparison.Ordinal))
            .Select(p => p.ProjectId)
            .Order(StringComparer.Ordinal)];
    }
}
