namespace Aquila.Security;

/// <summary>The canonical text form of a <see cref="PartyRole"/> as written in certificate subjects ("node", "analyst", ...).</summary>
public static class PartyRoleText
{
    /// <summary>Returns the lower-case subject text of <paramref name="role"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined role.</exception>
    public static string ToText(PartyRole role) => role switch
    {
        PartyRole.Node => "node",
        PartyRole.Analyst => "analyst",
        PartyRole.Coordinator => "coordinator",
        PartyRole.Operator => "operator",
        PartyRole.Auditor => "auditor",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a defined party role."),
    };

    /// <summary>
    /// Parses the exact lower-case subject text of a role. Anything else (other case, spaces, numbers) is refused,
    /// so one role has exactly one spelling in certificates.
    /// </summary>
    public static bool TryParse(string? text, out PartyRole role)
    {
        switch (text)
        {
            case "node": role = PartyRole.Node; return true;
            case "analyst": role = PartyRole.Analyst; return true;
            case "coordinator": role = PartyRole.Coordinator; return true;
            case "operator": role = PartyRole.Operator; return true;
            case "auditor": role = PartyRole.Auditor; return true;
            default: role = default; return false;
        }
    }

    /// <summary>The accepted role names, for help texts and error messages.</summary>
    public static string AllNames => "node, analyst, coordinator, operator, auditor";
}
