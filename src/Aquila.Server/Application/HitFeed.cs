using Grpc.Core;
using Microsoft.Extensions.Hosting;

namespace Aquila.Server.Application;

/// <summary>
/// The one loop behind every watch of hits (Matching's WatchHits, Lists' WatchListHits): page through the source from
/// the caller's cursor, then, when following, wait for more until the caller goes away; a stopping server or a closed
/// source ends the follow with Unavailable, so the node follows again from its cursor.
/// </summary>
internal sealed class HitFeed(IHostApplicationLifetime lifetime)
{
    /// <summary>Entries read at a time.</summary>
    public const int PageSize = 512;

    /// <summary>Writes the source's entries after <paramref name="afterSequence"/> with <paramref name="write"/>.</summary>
    public async Task RunAsync<T>(IHitFeedSource<T> source, long afterSequence, bool follow, Func<T, CancellationToken, Task> write,
        CancellationToken callCancelled)
    {
        var cursor = Math.Max(0, afterSequence);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(callCancelled, lifetime.ApplicationStopping);
        while (!callCancelled.IsCancellationRequested)
        {
            var page = await source.ReadAsync(cursor, PageSize, callCancelled);
            foreach (var item in page.Items)
            {
                await write(item, callCancelled);
                cursor = source.SequenceOf(item);
            }

            cursor = Math.Max(cursor, page.ScannedThrough);
            if (page.Items.Count == PageSize)
            {
                continue;
            }

            if (!follow)
            {
                return;
            }

            try
            {
                await source.WaitAsync(cursor, watching.Token);
            }
            catch (OperationCanceledException) when (callCancelled.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (source.IsStopped(e, lifetime.ApplicationStopping.IsCancellationRequested))
            {
                // A following stream never ends by itself: without this, a stopping server waited out its whole shutdown
                // timeout for every node that follows.
                throw new RpcException(new Status(StatusCode.Unavailable, source.StoppedMessage));
            }
        }
    }
}
