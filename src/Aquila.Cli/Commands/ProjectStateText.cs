namespace Aquila.Cli.Commands;

/// <summary>
/// Lifecycle states as the documentation and the server's messages spell them (Draft, KeyCeremony, Open, Matching,
/// Closed, Purged); the wire form (<c>key_ceremony</c>) is for programs.
/// </summary>
internal static class ProjectStateText
{
    public static string Display(string wireState)
    {
        ArgumentNullException.ThrowIfNull(wireState);
        var parts = wireState.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
