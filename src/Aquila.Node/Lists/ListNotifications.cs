using System.Runtime.CompilerServices;
using Aquila.Node.Hits;
using Aquila.Protocol.V1;

namespace Aquila.Node.Lists;

/// <summary>
/// A contributor's notifications on a list — duplicates and query hits — each resolved to its own record id through
/// its list handle map, and a query hit's signature checked against the node's CA without trusting the server.
/// </summary>
public sealed class ListNotifications(ListClient client, ListHandleMap handles, NodeIdentity identity)
{
    /// <summary>Notifications after <paramref name="afterSequence"/>; with <paramref name="follow"/>, until cancelled.</summary>
    /// <exception cref="Grpc.Core.RpcException">The server refused, or could not be reached.</exception>
    public async IAsyncEnumerable<ListNotification> ReadAsync(string projectId, long afterSequence, bool follow,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        await foreach (var hit in client.WatchAsync(projectId, afterSequence, follow, cancellationToken))
        {
            yield return new ListNotification
            {
                Sequence = hit.Sequence,
                Kind = hit.Kind switch
                {
                    ListHitKind.Duplicate => ListNotificationKind.Duplicate,
                    ListHitKind.DuplicateUpdated => ListNotificationKind.DuplicateUpdated,
                    _ => ListNotificationKind.Query,
                },
                HitId = Convert.ToHexStringLower(hit.HitId.Span),
                RecordId = handles.Resolve(hit.OwnHandle.Span),
                RecordRemoved = handles.IsRemoved(hit.OwnHandle.Span),
                OtherParty = hit.OtherParty,
                Band = HitEvents.BandOf(hit.Band),
                AgreeingKeys = [.. hit.AgreeingKeys],
                CaseReference = hit.CaseReference,
                Signature = QueryHitSignature.Check(hit, identity.Authority, projectId),
            };
        }
    }
}
