using Grpc.Core;

namespace Aquila.Node.Inbox;

/// <summary>
/// One workflow step on one hit, the same for the hit page and the bulk action: a verdict is sent to the server as feedback
/// first, and the state changes (and is audited) only when the server took it.
/// </summary>
internal static class HitWorkflow
{
    public enum Outcome
    {
        Saved,
        Sent,
        Refused,
        Skipped,
    }

    /// <summary>The analyst's input is usable: a choosable state, an officer id, and fields within their lengths.</summary>
    public static bool IsValid(string? state, string? caseReference, string? officerId, string? note) =>
        state is not null && HitState.Choosable.Contains(state) && !string.IsNullOrWhiteSpace(officerId) && officerId.Length <= 50
        && !(caseReference?.Length > 100) && !(note?.Length > 2000);

    public static async Task<Outcome> ApplyAsync(InboxContext inbox, InboxHit hit, string state, string? caseReference, string officerId,
        string? note, CancellationToken cancellationToken)
    {
        if (hit.State == HitState.Withdrawn)
        {
            return Outcome.Skipped;
        }

        if (HitState.IsVerdict(state))
        {
            try
            {
                await inbox.Feedback.SendAsync(hit.Project, hit.HitId, state == HitState.Confirmed, Trim(caseReference), cancellationToken);
            }
            catch (RpcException e)
            {
                InboxLog.FeedbackRefused(inbox.Logger, hit.HitId, hit.Project, e.StatusCode.ToString());
                return Outcome.Refused;
            }
        }

        if (!inbox.Store.ChangeState(hit.Project, hit.HitId, state, Trim(caseReference), officerId.Trim(), Trim(note), inbox.Time.GetUtcNow()))
        {
            return Outcome.Skipped;
        }

        InboxLog.StateChanged(inbox.Logger, hit.HitId, hit.Project, state);
        return HitState.IsVerdict(state) ? Outcome.Sent : Outcome.Saved;
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
