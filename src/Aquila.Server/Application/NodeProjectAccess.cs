using Aquila.Coordination.Projects;
using Aquila.Security;
using Aquila.Server.Authentication;
using Aquila.Server.Projects;
using Aquila.Server.ScaleOut;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Application;

/// <summary>
/// Which running project a node may use: only nodes call the matcher, and only for projects their party is invited to.
/// Denials are logged and audited.
/// </summary>
internal sealed class NodeProjectAccess(ProjectRegistry projects, IProjectLifecycles lifecycles, ServerAudit audit,
    ILogger<NodeProjectAccess> logger)
{
    /// <summary>The project <paramref name="caller"/> asks for in a call to <paramref name="method"/>, or a refusal.</summary>
    public async Task<RunningProject> AuthorizeAsync(PartyIdentity caller, string method, string projectId, CancellationToken cancellationToken)
    {
        var role = PartyAuthorization.RequireRole(caller, method, PartyRole.Node);
        if (!role.IsAllowed)
        {
            await DenyAsync(caller, method, projectId, role.Message);
        }

        var project = await projects.FindAsync(projectId, cancellationToken);
        if (project is null || !project.IsInvited(caller.Party))
        {
            var coordinated = project is null ? await lifecycles.GetAsync(projectId, fresh: false, cancellationToken) : null;
            if (coordinated is not null && ProjectQueries.IsInvited(coordinated, caller.Party))
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition,
                    $"Project '{projectId}' is {ProjectStateText.Of(coordinated.State)}; its matcher works from Open on."));
            }

            // The same answer for "no such project" and "not invited": a node learns nothing about other projects.
            await DenyAsync(caller, method, projectId, $"party {caller.Party} is not invited to a project '{projectId}' on this server");
        }

        return project!;
    }

    private async Task DenyAsync(PartyIdentity caller, string method, string projectId, string reason)
    {
        ServerLog.PermissionDenied(logger, caller.Party, PartyRoleText.ToText(caller.Role), method, reason);
        await audit.PermissionDeniedAsync(caller, method, projectId, reason, CancellationToken.None);
        throw new RpcException(new Status(StatusCode.PermissionDenied, reason + "."));
    }
}
