namespace Aquila.Node.Inbox;

/// <summary>The list's filter: each criterion is optional; values are codes, never personal data.</summary>
public sealed record HitFilter(string? Project, string? Band, string? Party, string? State)
{
    public static HitFilter None { get; } = new(null, null, null, null);

    /// <summary>The filter as a query string (without '?'), for paging links and the export.</summary>
    public string ToQuery()
    {
        var parts = new List<string>();
        Add(parts, "project", Project);
        Add(parts, "band", Band);
        Add(parts, "party", Party);
        Add(parts, "state", State);
        return string.Join('&', parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}
