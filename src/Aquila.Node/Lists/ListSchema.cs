using Aquila.Protocol.V1;
using Aquila.Tokens.Keys;

namespace Aquila.Node.Lists;

/// <summary>
/// The match-key schema a list pins, hence the type of its records (persons, vehicles): read from the project as the
/// server shows it to an invited node, then found among the built-in schemas or in a schema file the user gives.
/// </summary>
public static class ListSchema
{
    /// <summary>
    /// The schema <paramref name="projectId"/> pins; <paramref name="schemaFile"/> is the schema file for a list that pins
    /// a schema which is not built in, null otherwise.
    /// </summary>
    /// <exception cref="ListSchemaException">The list pins another schema than the file, or one this node does not have.</exception>
    /// <exception cref="MatchKeySchemaException">The schema file cannot be read.</exception>
    /// <exception cref="Grpc.Core.RpcException">The server refused, or could not be reached.</exception>
    public static async Task<MatchKeySchema> ResolveAsync(Coordination.CoordinationClient client, string projectId, string? schemaFile,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var view = await client.ShowProjectAsync(new ProjectRef { ProjectId = projectId }, cancellationToken: cancellationToken);
        return Choose(view.ProjectId, view.SchemaSha256, schemaFile is null ? null : MatchKeySchema.Load(schemaFile));
    }

    /// <summary>The schema of hash <paramref name="pinnedHex"/>: <paramref name="given"/> when it is that one, else a built-in one.</summary>
    /// <exception cref="ListSchemaException">Neither is the pinned schema.</exception>
    public static MatchKeySchema Choose(string projectId, string pinnedHex, MatchKeySchema? given)
    {
        if (given is not null)
        {
            return string.Equals(given.HashHex, pinnedHex, StringComparison.OrdinalIgnoreCase)
                ? given
                : throw new ListSchemaException(
                    $"List {projectId} pins schema sha256:{pinnedHex}; the --schema file '{given.Source}' is sha256:{given.HashHex}.");
        }

        if (string.Equals(MatchKeySchema.Default.HashHex, pinnedHex, StringComparison.OrdinalIgnoreCase))
        {
            return MatchKeySchema.Default;
        }

        return string.Equals(MatchKeySchema.Vehicles.HashHex, pinnedHex, StringComparison.OrdinalIgnoreCase)
            ? MatchKeySchema.Vehicles
            : throw new ListSchemaException(
                $"List {projectId} pins schema sha256:{pinnedHex}, which is not built in: give its file with --schema.");
    }
}
