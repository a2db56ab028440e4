using Aquila.Coordination.Audit;
using Aquila.Security;

namespace Aquila.Coordination.Projects;

/// <summary>
/// Who asks for a project action: the party code and role from the caller's certificate (never from a request field).
/// </summary>
public sealed record ProjectCaller
{
    /// <summary>A caller acting for <paramref name="party"/> in <paramref name="role"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="party"/> is not a certificate party code (2–3 upper-case letters).</exception>
    public ProjectCaller(string party, PartyRole role)
    {
        if (!PartyCode.IsValid(party))
        {
            throw new ArgumentException("A caller's party code must be two or three upper-case ASCII letters.", nameof(party));
        }

        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Not a defined party role.");
        }

        Party = party;
        Role = role;
    }

    /// <summary>The caller's party code.</summary>
    public string Party { get; }

    /// <summary>The caller's role.</summary>
    public PartyRole Role { get; }

    /// <summary>The caller of an authenticated identity.</summary>
    public static ProjectCaller FromIdentity(PartyIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new ProjectCaller(identity.Party, identity.Role);
    }

    /// <summary>The audit actor for this caller.</summary>
    public AuditActor ToAuditActor() => AuditActor.ForParty(Party, Role);

    /// <summary><c>"RS/node"</c>.</summary>
    public override string ToString() => Party + "/" + PartyRoleText.ToText(Role);
}
