namespace Aquila.Node.Inbox;

/// <summary>
/// The list's order: a column and a direction, always ending on the arrival number so that equal values keep one stable
/// order across pages. Default: newest first.
/// </summary>
public sealed record HitSort(string Column, bool Descending)
{
    /// <summary>The columns an analyst can sort by (their query names).</summary>
    public static IReadOnlyList<string> Columns { get; } = ["received", "band", "project", "party", "state"];

    public static HitSort Default { get; } = new("received", Descending: true);

    /// <summary>Reads <c>sort</c> and <c>dir</c> from the query; anything unknown falls back to the default.</summary>
    public static HitSort Parse(string? sort, string? dir)
    {
        var column = sort is not null && Columns.Contains(sort) ? sort : Default.Column;
        var descending = dir is null ? column is "received" or "band" : dir == "desc";
        return new HitSort(column, descending);
    }

    /// <summary>
    /// The SQL ORDER BY clause. The band's text orders as its strength (possible &lt; probable &lt; strong), so the (band,
    /// arrival) index serves it; each column has such an index.
    /// </summary>
    internal string OrderBy()
    {
        var column = Column switch
        {
            "band" => "band",
            "project" => "project",
            "party" => "other_party",
            "state" => "state",
            _ => null,
        };
        var direction = Descending ? "DESC" : "ASC";
        return column is null ? $"arrival {direction}" : $"{column} {direction}, arrival {direction}";
    }

    /// <summary>The index that serves "state = ? ORDER BY this order" without sorting.</summary>
    internal string StateIndex() => Column switch
    {
        "band" => "hits_state_band",
        "project" => "hits_state_project",
        "party" => "hits_state_party",
        _ => "hits_state",
    };

    /// <summary>As a query string (without '?'); empty for the default.</summary>
    public string ToQuery() => this == Default ? "" : $"sort={Column}&dir={(Descending ? "desc" : "asc")}";

    /// <summary>The order a click on <paramref name="column"/>'s heading gives: the other direction when it is the current one.</summary>
    public HitSort Toggle(string column) => column == Column ? this with { Descending = !Descending } : Parse(column, null);
}
