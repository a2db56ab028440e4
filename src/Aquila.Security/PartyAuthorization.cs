using System.Text;

namespace Aquila.Security;

/// <summary>Role checks on an authenticated <see cref="PartyIdentity"/>.</summary>
public static class PartyAuthorization
{
    /// <summary>Allows the call when the identity's role is one of <paramref name="allowed"/>.</summary>
    public static AuthorizationResult RequireRole(PartyIdentity identity, params ReadOnlySpan<PartyRole> allowed) =>
        RequireRole(identity, "this operation", allowed);

    /// <summary>
    /// Allows the call when the identity's role is one of <paramref name="allowed"/>; otherwise the message names
    /// the operation, the caller's party, role and serial, and the roles that may call it.
    /// </summary>
    public static AuthorizationResult RequireRole(PartyIdentity identity, string operation, params ReadOnlySpan<PartyRole> allowed)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        if (allowed.Contains(identity.Role))
        {
            return AuthorizationResult.Allowed;
        }

        var roles = new StringBuilder();
        foreach (var role in allowed)
        {
            roles.Append(roles.Length == 0 ? "" : ", ").Append(PartyRoleText.ToText(role));
        }

        return AuthorizationResult.Denied(allowed.IsEmpty
            ? $"Permission denied: {identity} may not call {operation}; no role may."
            : $"Permission denied: {identity} may not call {operation}; it requires the role {roles}.");
    }

    /// <summary>Allows the call only for the given party (e.g. a node acting on its own data); the message names both parties.</summary>
    public static AuthorizationResult RequireParty(PartyIdentity identity, string party, string operation = "this operation")
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        return identity.Party == party
            ? AuthorizationResult.Allowed
            : AuthorizationResult.Denied($"Permission denied: {identity} may not call {operation} for party {party}.");
    }
}
