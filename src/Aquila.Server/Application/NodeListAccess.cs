using Aquila.Coordination.Projects;
using Aquila.Security;
using Aquila.Server.Authentication;
using Aquila.Server.Lists;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Application;

/// <summary>
/// Which joint list a node may use: only nodes call the list service, and only for list projects their party is invited
/// to; the same answer for "no such list" and "not invited", so a node learns nothing about other projects. Denials are
/// logged and audited.
/// </summary>
internal sealed class NodeListAccess(ListRegistry lists, ServerAudit audit, ILogger<NodeListAccess> logger)
{
    /// <summary>The list project and its open list that <paramref name="caller"/> asks for in a call to <paramref name="method"/>, or a refusal.</summary>
    public async Task<(MatchingProject Project, OpenList List)> FindAsync(PartyIdentity caller, string method, string projectId,
        CancellationToken cancellationToken)
    {
        var role = PartyAuthorization.RequireRole(caller, method, PartyRole.Node);
        if (!role.IsAllowed)
        {
            await DenyAsync(caller, method, projectId, role.Message);
        }

        var (project, list) = await lists.FindAsync(projectId, cancellationToken);
        if (project is not { Kind: ProjectKind.List } || !ProjectQueries.IsInvited(project, caller.Party))
        {
            await DenyAsync(caller, method, projectId, $"party {caller.Party} is not invited to a list '{projectId}' on this server");
        }

        if (list is null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"List '{projectId}' is {project!.State}; entries and queries are possible once it is Open."));
        }

        return (project!, list);
    }

    /// <summary>Refuses <paramref name="what"/> unless the list is Open.</summary>
    public static void RequireOpen(MatchingProject project, string what)
    {
        if (project.State != ProjectState.Open)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"List '{project.Id}' is {project.State}: no more {what}."));
        }
    }

    /// <summary>Logs, audits and refuses (PermissionDenied) a call.</summary>
    public async Task DenyAsync(PartyIdentity caller, string method, string projectId, string reason)
    {
        ServerLog.PermissionDenied(logger, caller.Party, PartyRoleText.ToText(caller.Role), method, reason);
        await audit.PermissionDeniedAsync(caller, method, projectId, reason, CancellationToken.None);
        throw new RpcException(new Status(StatusCode.PermissionDenied, reason + "."));
    }
}
