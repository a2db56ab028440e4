using System.Diagnostics.CodeAnalysis;
using Aquila.Security;

namespace Aquila.Coordination.Audit;

/// <summary>
/// Who caused an audit entry: a party in a role (text <c>"RS/node"</c>), <see cref="Anonymous"/> (a caller without a
/// valid certificate) or <see cref="System"/> (the server itself: deadlines, scheduled purges). Certificate serials and
/// fingerprints go into the entry's details.
/// </summary>
public sealed record AuditActor
{
    private const string AnonymousText = "anonymous";
    private const string SystemText = "system";

    private AuditActor(string text, string? party, PartyRole? role)
    {
        Text = text;
        Party = party;
        Role = role;
    }

    /// <summary>A caller that could not be identified (no, invalid or revoked certificate).</summary>
    public static AuditActor Anonymous { get; } = new(AnonymousText, null, null);

    /// <summary>The server itself.</summary>
    public static AuditActor System { get; } = new(SystemText, null, null);

    /// <summary>The stored and hashed text: <c>"&lt;party&gt;/&lt;role&gt;"</c>, <c>"anonymous"</c> or <c>"system"</c>.</summary>
    public string Text { get; }

    /// <summary>The party code, or null for anonymous and system.</summary>
    public string? Party { get; }

    /// <summary>The role, or null for anonymous and system.</summary>
    public PartyRole? Role { get; }

    /// <summary>A party acting in a role.</summary>
    /// <exception cref="ArgumentException"><paramref name="party"/> is not a party code (two or three upper-case letters).</exception>
    public static AuditActor ForParty(string party, PartyRole role)
    {
        if (!PartyCode.IsValid(party))
        {
            throw new ArgumentException("An audit actor's party code must be two or three upper-case ASCII letters.", nameof(party));
        }

        return new AuditActor(party + "/" + PartyRoleText.ToText(role), party, role);
    }

    /// <summary>The party and role of an authenticated caller.</summary>
    public static AuditActor FromIdentity(PartyIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return ForParty(identity.Party, identity.Role);
    }

    /// <summary>Parses the stored text form (see <see cref="Text"/>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out AuditActor? actor)
    {
        actor = text switch
        {
            AnonymousText => Anonymous,
            SystemText => System,
            _ => null,
        };
        if (actor is not null || text is null)
        {
            return actor is not null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !PartyCode.IsValid(text[..slash]) || !PartyRoleText.TryParse(text[(slash + 1)..], out var role))
        {
            return false;
        }

        actor = new AuditActor(text, text[..slash], role);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
