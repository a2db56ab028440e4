using System.Globalization;
using System.Text;
using Aquila.Node.Hits;

namespace Aquila.Node.Inbox;

/// <summary>
/// The hit list: counts per state, the filter, one page of hits in the chosen order (headings sort), the live banner,
/// the export link, and the bulk action on the selected hits.
/// </summary>
internal static class HitListPage
{
    private static readonly (string Column, string Heading)[] Headings =
        [("project", "Project"), ("band", "Band"), ("", "Why (keys or field agreement)"), ("", "Score"), ("party", "Other party"), ("received", "Received (UTC)"), ("state", "State")];

    /// <summary>The antiforgery field of the bulk form.</summary>
    public sealed record Form(string FieldName, string Token);

    public static string Render(InboxStore store, HitFilter filter, HitSort sort, int page, int pageSize, Form form, string? message)
    {
        var counts = store.CountsByState();
        var (hits, total) = store.List(filter, sort, page * pageSize, pageSize, KnownTotal(filter, counts));
        var body = new StringBuilder();
        body.Append("<h1>Hits</h1>");
        if (message is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"message\" role=\"status\">{Html.E(message)}</p>");
        }

        body.Append("<p id=\"counts\" class=\"counts\">");
        foreach (var state in HitState.All)
        {
            body.Append(CultureInfo.InvariantCulture, $"<span class=\"state-{state}\">{Html.E(HitState.Display(state))}: {counts[state]}</span> ");
        }

        body.Append("</p>");
        body.Append(CultureInfo.InvariantCulture,
            $"<p id=\"live\" class=\"live\" role=\"status\" aria-live=\"polite\" data-after=\"{store.LastArrival()}\" hidden></p>");
        AppendFilter(body, store, filter, sort);
        body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/bulk\" id=\"bulk\" aria-label=\"Change the selected hits\">")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{Html.E(form.FieldName)}\" value=\"{Html.E(form.Token)}\">");
        body.Append("<table id=\"hits\"><caption>")
            .Append(CultureInfo.InvariantCulture, $"{total} hit(s)")
            .Append("</caption><thead><tr><th scope=\"col\"><input type=\"checkbox\" id=\"select-all\"><label for=\"select-all\" class=\"sr-only\">")
            .Append("Select every hit on this page</label></th><th scope=\"col\">Hit</th>");
        var filterQuery = filter.ToQuery();
        foreach (var (column, heading) in Headings)
        {
            AppendHeading(body, column, heading, sort, filterQuery);
        }

        body.Append("</tr></thead><tbody>");
        var row = 0;
        foreach (var hit in hits)
        {
            row++;
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr><td><input type="checkbox" class="select" id="sel-{row}" name="hit" value="{hit.HitId}/{Html.E(hit.Project)}"><label for="sel-{row}" class="sr-only">Select hit {hit.HitId[..12]}</label></td>
                <td><a class="hit-link" href="/hits/{Html.E(hit.Project)}/{hit.HitId}">{hit.HitId[..12]}…</a></td><td>{Html.E(hit.Project)}</td>
                <td class="band-{Html.E(hit.Band)}">{Html.E(hit.Band)}</td><td class="why">{Html.E(hit.Why)}</td><td class="score">{hit.ScoreText}</td><td>{Html.E(hit.OtherParty)}</td>
                <td>{hit.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}</td><td class="state state-{Html.E(hit.State)}">{Html.E(HitState.Display(hit.State))}</td></tr>
                """);
        }

        body.Append("</tbody></table>");
        AppendBulkControls(body);
        body.Append("</form>");
        AppendPages(body, Join(filterQuery, sort.ToQuery()), page, (int)Math.Max(1, (total + pageSize - 1) / pageSize));
        return Html.Page("Hits", body.ToString());
    }

    private static void AppendFilter(StringBuilder body, InboxStore store, HitFilter filter, HitSort sort)
    {
        body.Append("<form method=\"get\" action=\"/\" class=\"filter\" aria-label=\"Filter hits\">");
        body.Append(Html.Select("project", "Project", store.Distinct(parties: false), filter.Project));
        body.Append(Html.Select("band", "Band", BandNames.All, filter.Band));
        body.Append(Html.Select("party", "Other party", store.Distinct(parties: true), filter.Party));
        body.Append(Html.Select("state", "State", HitState.All, filter.State, HitState.Display));
        if (sort != HitSort.Default)
        {
            body.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"sort\" value=\"{Html.E(sort.Column)}\">")
                .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"dir\" value=\"{(sort.Descending ? "desc" : "asc")}\">");
        }

        body.Append("<button type=\"submit\">Filter</button>");
        var query = filter.ToQuery();
        body.Append(CultureInfo.InvariantCulture, $" <a id=\"export\" href=\"/export.csv{(query.Length > 0 ? "?" + Html.E(query) : "")}\">Export CSV</a>");
        body.Append("</form>");
    }

    // A sortable heading is a link to the same filter in this column's order (the other direction when it is the current one).
    private static void AppendHeading(StringBuilder body, string column, string heading, HitSort sort, string filterQuery)
    {
        if (column.Length == 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{Html.E(heading)}</th>");
            return;
        }

        var current = sort.Column == column;
        var aria = current ? (sort.Descending ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"") : "";
        var arrow = current ? (sort.Descending ? " ▼" : " ▲") : "";
        var target = sort.Toggle(column);
        var href = "/?" + Join(filterQuery, $"sort={column}&dir={(target.Descending ? "desc" : "asc")}");
        body.Append(CultureInfo.InvariantCulture,
            $"<th scope=\"col\"{aria}><a class=\"sort\" id=\"sort-{column}\" href=\"{Html.E(href)}\">{Html.E(heading)}{arrow}</a></th>");
    }

    private static void AppendBulkControls(StringBuilder body)
    {
        body.Append("<fieldset class=\"bulk\"><legend>With the selected hits</legend>");
        body.Append("<label for=\"bulk-state\">New state</label><select id=\"bulk-state\" name=\"state\" required><option value=\"\">choose…</option>");
        foreach (var state in HitState.Choosable)
        {
            body.Append(CultureInfo.InvariantCulture, $"<option value=\"{state}\">{Html.E(HitState.Display(state))}</option>");
        }

        body.Append("</select>")
            .Append("<label for=\"bulk-case\">Case reference (no personal data)</label><input id=\"bulk-case\" name=\"case_reference\" maxlength=\"100\">")
            .Append("<label for=\"bulk-officer\">Officer id</label><input id=\"bulk-officer\" name=\"officer_id\" maxlength=\"50\" required>")
            .Append("<label for=\"bulk-note\">Note</label><input id=\"bulk-note\" name=\"note\" maxlength=\"2000\">")
            .Append("<button type=\"submit\" id=\"bulk-save\">Apply to selected</button>")
            .Append("<span class=\"hint\">Confirmed and rejected are sent to the server as feedback, hit by hit.</span></fieldset>");
    }

    private static void AppendPages(StringBuilder body, string query, int page, int pages)
    {
        body.Append(CultureInfo.InvariantCulture, $"<nav class=\"pages\" aria-label=\"Pages\">Page {page + 1} of {pages} ");
        var prefix = query.Length > 0 ? "/?" + query + "&" : "/?";
        if (page > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"<a rel=\"prev\" href=\"{Html.E(prefix)}page={page - 1}\">previous</a> ");
        }

        if (page + 1 < pages)
        {
            body.Append(CultureInfo.InvariantCulture, $"<a rel=\"next\" href=\"{Html.E(prefix)}page={page + 1}\">next</a>");
        }

        body.Append("</nav>");
    }

    // Without a filter, or with the state only, the counts per state already say how many hits match.
    private static long? KnownTotal(HitFilter filter, IReadOnlyDictionary<string, long> counts) =>
        filter is { Project: null or "", Band: null or "", Party: null or "" }
            ? string.IsNullOrEmpty(filter.State) ? counts.Values.Sum() : counts.GetValueOrDefault(filter.State)
            : null;

    private static string Join(string first, string second) => first.Length == 0 ? second : second.Length == 0 ? first : first + "&" + second;
}
