using Aquila.Protocol.V1;
using Google.Protobuf;

namespace Aquila.Node.Inbox;

/// <summary>Sends an analyst's verdict to the server, as <c>aquila node feedback</c> does; the indicators count it.</summary>
public sealed class FeedbackSender(Protocol.V1.Coordination.CoordinationClient client)
{
    /// <summary>Records the verdict; returns the audit chain head the server acknowledged.</summary>
    public async Task<long> SendAsync(string project, string hitId, bool confirmed, string? reference, CancellationToken cancellationToken)
    {
        var ack = await client.SubmitFeedbackAsync(new FeedbackRequest
        {
            ProjectId = project,
            HitId = ByteString.CopyFrom(Convert.FromHexString(hitId)),
            Confirmed = confirmed,
            Reference = reference ?? "",
        }, cancellationToken: cancellationToken);
        return ack.AuditHead.Sequence;
    }
}
