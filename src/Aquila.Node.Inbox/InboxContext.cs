using Microsoft.Extensions.Logging;

namespace Aquila.Node.Inbox;

/// <summary>What the pages work with: the database, the own records, the feedback channel, the arrival signal.</summary>
internal sealed record InboxContext(
    InboxOptions Options,
    InboxStore Store,
    OwnRecords Records,
    FeedbackSender Feedback,
    HitArrivals Arrivals,
    string OwnParty,
    TimeProvider Time,
    ILogger Logger,
    CancellationToken Stopping);
