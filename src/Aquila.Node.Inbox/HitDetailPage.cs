using System.Globalization;
using System.Text;
using Aquila.Tokens.Input;

namespace Aquila.Node.Inbox;

/// <summary>
/// One hit: the match evidence beside the analyst's own record (from the local export — the other party's data never
/// comes here), the hit id for the legal channel, the follow-up text, and the workflow form (antiforgery-protected).
/// </summary>
internal static class HitDetailPage
{
    public static string Render(InboxHit hit, OwnRecords records, string ownParty, string antiforgeryField, string antiforgeryToken,
        string? message)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p><a href=\"/\">← all hits</a></p><h1>Hit <code id=\"hit-id\">{hit.HitId}</code></h1>");
        if (message is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"message\" role=\"alert\">{Html.E(message)}</p>");
        }

        body.Append("<div class=\"columns\"><section aria-labelledby=\"evidence-h\"><h2 id=\"evidence-h\">Match evidence</h2><dl id=\"evidence\">");
        Row(body, "Project", hit.Project);
        Row(body, "Band", hit.Band);
        Row(body, "Agreeing keys", string.Join(", ", hit.AgreeingKeys));
        if (hit.Score is not null)
        {
            Row(body, "Score (stage 2)", hit.ScoreText);
            Row(body, "Field agreement", string.Join(' ', hit.Agreement));
        }

        Row(body, "Other party", hit.OtherParty);
        Row(body, "Received (UTC)", hit.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Row(body, "State", HitState.Display(hit.State));
        Row(body, "Case reference", hit.CaseReference);
        Row(body, "Officer", hit.OfficerId);
        Row(body, "Note", hit.Note);
        body.Append("</dl></section>");

        body.Append("<section aria-labelledby=\"own-h\"><h2 id=\"own-h\">Your record</h2>");
        var record = records.Find(hit.RecordId);
        if (record is null)
        {
            body.Append("<p id=\"own-record\">Record id: ").Append(Html.E(hit.RecordId ?? "(not in the handle maps given)"))
                .Append("; not in the exports given with --records.</p>");
        }
        else
        {
            // Only the fields the export fills: a column map without address columns would otherwise show empty rows.
            body.Append("<dl id=\"own-record\">");
            foreach (var field in PersonFieldNames.All)
            {
                if (!string.IsNullOrWhiteSpace(record.Get(field)))
                {
                    Row(body, PersonFieldNames.CanonicalName(field).Replace('_', ' '), record.Get(field));
                }
            }

            body.Append("</dl>");
        }

        body.Append("</section></div>");

        var followUp = FollowUpText.For(hit, ownParty);
        var link = $"/hits/{Html.E(hit.Project)}/{hit.HitId}";
        body.Append(CultureInfo.InvariantCulture, $"""
            <section aria-labelledby="follow-h"><h2 id="follow-h">Follow-up request to {Html.E(hit.OtherParty)}</h2>
            <label for="follow-up">Request text</label>
            <textarea id="follow-up" readonly rows="12">{Html.E(followUp)}</textarea>
            <p><button type="button" id="copy" data-copy="follow-up">Copy</button> <a href="{link}/follow-up.txt" download>Download</a></p>
            </section>
            """);
        if (hit.State != HitState.Withdrawn)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <section aria-labelledby="work-h"><h2 id="work-h">Outcome</h2>
                <form method="post" action="{link}/state" class="workflow">
                <input type="hidden" name="{Html.E(antiforgeryField)}" value="{Html.E(antiforgeryToken)}">
                {Html.Select("state", "New state", HitState.Choosable, null, HitState.Display).Replace("<option value=\"\">any</option>", "", StringComparison.Ordinal)}
                <label for="case_reference">Case reference (no personal data)</label><input id="case_reference" name="case_reference" maxlength="100" value="{Html.E(hit.CaseReference)}">
                <label for="officer_id">Officer id</label><input id="officer_id" name="officer_id" maxlength="50" required value="{Html.E(hit.OfficerId)}">
                <label for="note">Note</label><textarea id="note" name="note" rows="3" maxlength="2000">{Html.E(hit.Note)}</textarea>
                <button type="submit" id="save">Save</button>
                <p class="hint">Confirmed and rejected are sent to the server as feedback (with the case reference) and count in the project's indicators.</p>
                </form></section>
                """);
        }

        return Html.Page("Hit " + hit.HitId[..12], body.ToString());
    }

    private static void Row(StringBuilder body, string label, string? value) =>
        body.Append(CultureInfo.InvariantCulture, $"<dt>{Html.E(label)}</dt><dd>{Html.E(string.IsNullOrEmpty(value) ? "—" : value)}</dd>");
}
