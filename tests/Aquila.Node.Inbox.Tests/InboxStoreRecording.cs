using Aquila.Node.Hits;
using Aquila.Protocol.V1;

namespace Aquila.Node.Inbox.Tests;

/// <summary>Stores a wire hit event as the follower would after resolving it (tests build hit events by hand).</summary>
internal static class InboxStoreRecording
{
    public static bool Record(this InboxStore store, string project, HitEvent hit, string? recordId, DateTimeOffset receivedAt) =>
        store.Record(project, HitEvents.ToNodeHit(hit, recordId), receivedAt);
}
