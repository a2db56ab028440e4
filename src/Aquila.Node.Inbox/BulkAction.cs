using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Aquila.Node.Inbox;

/// <summary>
/// The list's bulk action: the selected hits (<c>hit</c> = <c>hitid/project</c>, repeated) move to one state with one case
/// reference, officer id and note. Each hit goes through <see cref="HitWorkflow"/> on its own — its own feedback call and
/// its own audit row — so a refusal for one hit leaves the others done.
/// </summary>
internal static class BulkAction
{
    public const int MostHits = 500;
    public const string Invalid =
        "Nothing changed: select hits (up to 500), choose a state and give your officer id (case reference up to 100 characters, note up to 2000).";

    public static async Task<IResult> ApplyAsync(InboxContext inbox, IFormCollection form, CancellationToken cancellationToken)
    {
        var state = form["state"].ToString();
        var caseReference = form["case_reference"].ToString();
        var officerId = form["officer_id"].ToString();
        var note = form["note"].ToString();
        var selected = form["hit"];
        if (selected.Count == 0 || selected.Count > MostHits || !HitWorkflow.IsValid(state, caseReference, officerId, note))
        {
            return Results.Redirect("/?done=invalid");
        }

        int changed = 0, refused = 0, skipped = 0;
        foreach (var value in selected.Distinct(StringComparer.Ordinal))
        {
            var slash = value?.IndexOf('/', StringComparison.Ordinal) ?? -1;
            var hit = slash == 32 ? inbox.Store.Find(value![(slash + 1)..], value[..slash].ToLowerInvariant()) : null;
            var outcome = hit is null
                ? HitWorkflow.Outcome.Skipped
                : await HitWorkflow.ApplyAsync(inbox, hit, state, caseReference, officerId, note, cancellationToken);
            switch (outcome)
            {
                case HitWorkflow.Outcome.Refused: refused++; break;
                case HitWorkflow.Outcome.Skipped: skipped++; break;
                default: changed++; break;
            }
        }

        InboxLog.BulkChanged(inbox.Logger, changed, state, refused, skipped);
        return Results.Redirect(string.Create(CultureInfo.InvariantCulture, $"/?done=bulk&changed={changed}&refused={refused}&skipped={skipped}"));
    }

    public static string Message(int changed, int refused, int skipped)
    {
        var text = $"{changed} hit(s) changed";
        if (refused > 0)
        {
            text += $"; the server refused the feedback on {refused} (unchanged, try again later)";
        }

        if (skipped > 0)
        {
            text += $"; {skipped} skipped (withdrawn or unknown)";
        }

        return text + ".";
    }
}
