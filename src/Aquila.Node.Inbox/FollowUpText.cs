using System.Globalization;

namespace Aquila.Node.Inbox;

/// <summary>
/// The follow-up request to the counterpart party, ready to paste into the legal channel: hit id, project, band and the
/// analyst's own case reference — the hit id lets the other party find its record; no personal data travels in it.
/// </summary>
public static class FollowUpText
{
    public static string For(InboxHit hit, string ownParty)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return string.Create(CultureInfo.InvariantCulture, $"""
            Subject: Aquila hit follow-up — project {hit.Project}, hit {hit.HitId}

            To: party {hit.OtherParty}
            From: party {ownParty}

            Aquila reported a {hit.Band} hit between our records in project {hit.Project}.
            Hit id: {hit.HitId}
            Agreeing keys: {string.Join(", ", hit.AgreeingKeys)}{(hit.Score is null ? "" : $"\nScore: {hit.ScoreText} (field agreement: {string.Join(' ', hit.Agreement)})")}
            Our case reference: {(string.IsNullOrEmpty(hit.CaseReference) ? "(to be assigned)" : hit.CaseReference)}

            Please look up your record for this hit id and answer through the agreed legal channel with the
            information the project's legal basis allows us to exchange.
            """);
    }
}
