using System.Globalization;
using System.Text;

namespace Aquila.Node.Inbox;

/// <summary>The hit list: counts per state, the filter, one page of hits (newest first), the live banner and the export link.</summary>
internal static class HitListPage
{
    public static string Render(InboxStore store, HitFilter filter, int page, int pageSize)
    {
        var (hits, total) = store.List(filter, page * pageSize, pageSize);
        var counts = store.CountsByState();
        var body = new StringBuilder();
        body.Append("<h1>Hits</h1>");
        body.Append("<p id=\"counts\" class=\"counts\">");
        foreach (var state in HitState.All)
        {
            body.Append(CultureInfo.InvariantCulture, $"<span class=\"state-{state}\">{Html.E(HitState.Display(state))}: {counts[state]}</span> ");
        }

        body.Append("</p>");
        body.Append(CultureInfo.InvariantCulture,
            $"<p id=\"live\" class=\"live\" role=\"status\" aria-live=\"polite\" data-after=\"{store.LastArrival()}\" hidden></p>");
        body.Append("<form method=\"get\" action=\"/\" class=\"filter\" aria-label=\"Filter hits\">");
        body.Append(Html.Select("project", "Project", store.Distinct(parties: false), filter.Project));
        body.Append(Html.Select("band", "Band", BandText.All, filter.Band));
        body.Append(Html.Select("party", "Other party", store.Distinct(parties: true), filter.Party));
        body.Append(Html.Select("state", "State", HitState.All, filter.State, HitState.Display));
        body.Append("<button type=\"submit\">Filter</button>");
        var query = filter.ToQuery();
        body.Append(CultureInfo.InvariantCulture, $" <a id=\"export\" href=\"/export.csv{(query.Length > 0 ? "?" + Html.E(query) : "")}\">Export CSV</a>");
        body.Append("</form>");
        body.Append("<table id=\"hits\"><caption>")
            .Append(CultureInfo.InvariantCulture, $"{total} hit(s)")
            .Append("</caption><thead><tr><th scope=\"col\">Hit</th><th scope=\"col\">Project</th><th scope=\"col\">Band</th>")
            .Append("<th scope=\"col\">Agreeing keys</th><th scope=\"col\">Other party</th><th scope=\"col\">Received (UTC)</th><th scope=\"col\">State</th></tr></thead><tbody>");
        foreach (var hit in hits)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr><td><a class="hit-link" href="/hits/{Html.E(hit.Project)}/{hit.HitId}">{hit.HitId[..12]}…</a></td><td>{Html.E(hit.Project)}</td>
                <td class="band-{Html.E(hit.Band)}">{Html.E(hit.Band)}</td><td>{Html.E(string.Join(", ", hit.AgreeingKeys))}</td><td>{Html.E(hit.OtherParty)}</td>
                <td>{hit.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}</td><td class="state state-{Html.E(hit.State)}">{Html.E(HitState.Display(hit.State))}</td></tr>
                """);
        }

        body.Append("</tbody></table>");
        var pages = (int)Math.Max(1, (total + pageSize - 1) / pageSize);
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
        return Html.Page("Hits", body.ToString());
    }
}
