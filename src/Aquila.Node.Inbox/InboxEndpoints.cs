using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Aquila.Node.Inbox;

/// <summary>The inbox's routes. Every form post goes through antiforgery validation (form-bound parameters).</summary>
internal static class InboxEndpoints
{
    public static void Map(IEndpointRouteBuilder app, InboxContext inbox)
    {
        app.MapGet("/", (HttpContext context, IAntiforgery antiforgery, string? project, string? band, string? party, string? state, string? sort,
            string? dir, int? page, string? done, int? changed, int? refused, int? skipped) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var message = done == "bulk" ? BulkAction.Message(changed ?? 0, refused ?? 0, skipped ?? 0) : done == "invalid" ? BulkAction.Invalid : null;
            return Results.Content(HitListPage.Render(inbox.Store, new HitFilter(project, band, party, state), HitSort.Parse(sort, dir),
                Math.Max(0, page ?? 0), inbox.Options.PageSize, new HitListPage.Form(tokens.FormFieldName, tokens.RequestToken!), message),
                "text/html; charset=utf-8");
        });

        app.MapPost("/bulk", (IFormCollection form, CancellationToken cancellationToken) => BulkAction.ApplyAsync(inbox, form, cancellationToken));

        app.MapGet("/hits/{project}/{hitId}", (HttpContext context, string project, string hitId, string? done, IAntiforgery antiforgery) =>
        {
            if (inbox.Store.Find(project, hitId.ToLowerInvariant()) is not { } hit)
            {
                return Results.NotFound();
            }

            var tokens = antiforgery.GetAndStoreTokens(context);
            return Results.Content(HitDetailPage.Render(hit, inbox.Records, inbox.OwnParty, tokens.FormFieldName, tokens.RequestToken!, Message(done)),
                "text/html; charset=utf-8");
        });

        app.MapGet("/hits/{project}/{hitId}/follow-up.txt", (string project, string hitId) =>
            inbox.Store.Find(project, hitId.ToLowerInvariant()) is { } hit
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(FollowUpText.For(hit, inbox.OwnParty)), "text/plain; charset=utf-8",
                    $"follow-up-{hit.HitId}.txt")
                : Results.NotFound());

        app.MapPost("/hits/{project}/{hitId}/state", ChangeStateAsync);

        app.MapGet("/events", (HttpContext context, long? after) =>
            HitEventsEndpoint.StreamAsync(context, inbox.Store, inbox.Arrivals, after ?? 0, inbox.Stopping));

        app.MapGet("/export.csv", async (HttpContext context, string? project, string? band, string? party, string? state) =>
        {
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"aquila-hits.csv\"";
            await HitExport.WriteAsync(inbox.Store, new HitFilter(project, band, party, state), context.Response.Body, context.RequestAborted);
        });

        app.MapGet("/assets/{name}", (string name) => Asset(name));

        async Task<IResult> ChangeStateAsync(string project, string hitId, [FromForm(Name = "state")] string state,
            [FromForm(Name = "case_reference")] string? caseReference, [FromForm(Name = "officer_id")] string? officerId,
            [FromForm(Name = "note")] string? note, CancellationToken cancellationToken)
        {
            hitId = hitId.ToLowerInvariant();
            if (inbox.Store.Find(project, hitId) is not { } hit || hit.State == HitState.Withdrawn)
            {
                return Results.NotFound();
            }

            var back = $"/hits/{Uri.EscapeDataString(project)}/{hitId}";
            if (!HitWorkflow.IsValid(state, caseReference, officerId, note))
            {
                return Results.Redirect(back + "?done=invalid");
            }

            var outcome = await HitWorkflow.ApplyAsync(inbox, hit, state, caseReference, officerId!, note, cancellationToken);
            return Results.Redirect(back + "?done=" + outcome switch
            {
                HitWorkflow.Outcome.Sent => "sent",
                HitWorkflow.Outcome.Refused => "refused",
                HitWorkflow.Outcome.Skipped => "invalid",
                _ => "saved",
            });
        }
    }

    private static string? Message(string? done) => done switch
    {
        "saved" => "Saved.",
        "sent" => "Saved, and the verdict was sent to the server as feedback.",
        "invalid" => "Not saved: choose a state and give your officer id (case reference up to 100 characters, note up to 2000).",
        "refused" => "Not saved: the server refused the feedback (see the inbox's log). Try again later.",
        _ => null,
    };

    private static IResult Asset(string name)
    {
        var type = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => null,
        };
        var stream = type is null ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream("Aquila.Node.Inbox.Assets." + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }
}
