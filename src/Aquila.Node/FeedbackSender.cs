using Aquila.Protocol.V1;
using Google.Protobuf;

namespace Aquila.Node;

/// <summary>
/// Sends an analyst's verdict on a hit to the server (<c>aquila node feedback</c>, the inbox); the project's indicators
/// count it. The reference goes with it: never personal data.
/// </summary>
public sealed class FeedbackSender(Protocol.V1.Coordination.CoordinationClient client)
{
    /// <summary>Records the verdict on <paramref name="hitId"/> (32 hex digits); returns the audit entry that recorded it.</summary>
    /// <exception cref="FormatException">A hit id that is not 32 hex digits.</exception>
    public async Task<RecordedVerdict> SendAsync(string projectId, string hitId, bool confirmed, string? reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hitId);
        var id = hitId.Length == 32 ? Convert.FromHexString(hitId) : throw new FormatException("A hit id is 32 hex digits.");
        var ack = await client.SubmitFeedbackAsync(new FeedbackRequest
        {
            ProjectId = projectId,
            HitId = ByteString.CopyFrom(id),
            Confirmed = confirmed,
            Reference = reference ?? "",
        }, cancellationToken: cancellationToken);
        return new RecordedVerdict(ack.AuditHead.Sequence, Convert.ToHexStringLower(ack.AuditHead.Hash.Span));
    }
}
