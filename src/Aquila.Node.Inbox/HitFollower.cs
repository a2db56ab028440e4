using Aquila.Node.Hits;
using Aquila.Tokens.Batches;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aquila.Node.Inbox;

/// <summary>
/// Follows each project's hits from its stored cursor into the inbox database, for as long as the inbox runs. A refused
/// or ended stream (the project not yet in Matching, a server restart) is followed again after a pause.
/// </summary>
internal sealed class HitFollower(InboxOptions options, InboxStore store, HandleMap handles, HitArrivals arrivals,
    Protocol.V1.Matching.MatchingClient client, TimeProvider time, ILogger<HitFollower> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(options.Projects.Select(p => FollowAsync(p, stoppingToken)));

    private async Task FollowAsync(string project, CancellationToken cancellationToken)
    {
        var feed = new HitFeed(client, handles);
        while (!cancellationToken.IsCancellationRequested)
        {
            var cursor = store.CursorOf(project);
            InboxLog.Following(logger, project, cursor);
            string status;
            try
            {
                await foreach (var hit in feed.ReadAsync(project, cursor, follow: true, cancellationToken))
                {
                    var added = store.Record(project, hit, time.GetUtcNow());
                    InboxLog.HitStored(logger, hit.HitId, project, hit.Sequence);
                    if (added)
                    {
                        arrivals.Signal();
                    }
                }

                status = "stream ended";
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                status = e.StatusCode.ToString();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            InboxLog.FollowFailed(logger, project, status, options.RetryDelay);
            try
            {
                await Task.Delay(options.RetryDelay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
