using System.Reflection;
using Grpc.Core;
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
        app.MapGet("/", (string? project, string? band, string? party, string? state, int? page) =>
            Results.Content(HitListPage.Render(inbox.Store, new HitFilter(project, band, party, state), Math.Max(0, page ?? 0), inbox.Options.PageSize),
                "text/html; charset=utf-8"));

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
            if (!HitState.Choosable.Contains(state) || string.IsNullOrWhiteSpace(officerId) || officerId.Length > 50
                || caseReference?.Length > 100 || note?.Length > 2000)
            {
                return Results.Redirect(back + "?done=invalid");
            }

            if (HitState.IsVerdict(state))
            {
                try
                {
                    await inbox.Feedback.SendAsync(project, hitId, state == HitState.Confirmed, caseReference, cancellationToken);
                }
                catch (RpcException e)
                {
                    InboxLog.FeedbackRefused(inbox.Logger, hitId, project, e.StatusCode.ToString());
                    return Results.Redirect(back + "?done=refused");
                }
            }

            inbox.Store.ChangeState(project, hitId, state, Trim(caseReference), officerId.Trim(), Trim(note), inbox.Time.GetUtcNow());
            InboxLog.StateChanged(inbox.Logger, hitId, project, state);
            return Results.Redirect(back + "?done=" + (HitState.IsVerdict(state) ? "sent" : "saved"));
        }
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

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
