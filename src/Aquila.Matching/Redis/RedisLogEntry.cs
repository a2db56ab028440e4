using Aquila.Matching.Index;

namespace Aquila.Matching.Redis;

/// <summary>
/// One submission as the embedded store receives it, in the order the project's Redis log fixed for every follower.
/// </summary>
/// <param name="Kind">What to apply.</param>
/// <param name="Origin">Random id the appending instance waits on (it learns its entry's outcome by this id).</param>
/// <param name="AcceptedAt">The appender's clock when it appended: every follower stamps the receipt with it.</param>
/// <param name="Party">The submitting party (empty for project-wide entries).</param>
/// <param name="BatchId">The node's batch id (empty for project-wide entries).</param>
/// <param name="ContentHash">The batch's content hash (empty for project-wide entries).</param>
/// <param name="Batch">The batch as the node made it (not re-keyed); null for project-wide entries.</param>
internal sealed record RedisLogEntry(
    RedisLogEntryKind Kind, Guid Origin, DateTimeOffset AcceptedAt, string Party, byte[] BatchId, byte[] ContentHash, TokenBatch? Batch);
