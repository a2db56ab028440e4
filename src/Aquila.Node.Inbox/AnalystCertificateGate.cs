using Aquila.Security;
using Aquila.Security.Pki;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aquila.Node.Inbox;

/// <summary>
/// With mutual TLS, lets in only callers whose client certificate the Aquila CA issued (valid, not revoked) for the
/// <em>analyst</em> role of the node's own party. Anything else — no certificate, another role, an analyst of another
/// party — gets 403 and nothing of the inbox.
/// </summary>
internal sealed class AnalystCertificateGate(RequestDelegate next, ClientCertificateValidator validator, string ownParty,
    ILogger<AnalystCertificateGate> logger)
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the admitted analyst's <see cref="PartyIdentity"/>.</summary>
    public const string AnalystKey = "aquila.analyst";

    public Task InvokeAsync(HttpContext context)
    {
        var result = validator.Validate(context.Connection.ClientCertificate);
        if (result.Identity is not { } identity)
        {
            return Refuse(context, result.Failure.ToString(), "", "");
        }

        if (identity.Role != PartyRole.Analyst)
        {
            return Refuse(context, "not an analyst certificate", identity.Party, PartyRoleText.ToText(identity.Role));
        }

        if (!string.Equals(identity.Party, ownParty, StringComparison.Ordinal))
        {
            return Refuse(context, "another party's analyst", identity.Party, PartyRoleText.ToText(identity.Role));
        }

        context.Items[AnalystKey] = identity;
        return next(context);
    }

    private Task Refuse(HttpContext context, string reason, string party, string role)
    {
        InboxLog.AnalystRefused(logger, reason, party, role);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(
            $"This inbox is open to analyst certificates of party {ownParty} issued by the Aquila CA only ({reason}).\n", context.RequestAborted);
    }
}
