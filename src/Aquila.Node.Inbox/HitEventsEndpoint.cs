using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Aquila.Node.Inbox;

/// <summary>
/// Server-sent events for the open list page: the number of hits that arrived after the page was rendered, sent again
/// whenever it changes (a comment line every 15 s keeps the connection open).
/// </summary>
internal static class HitEventsEndpoint
{
    public static async Task StreamAsync(HttpContext context, InboxStore store, HitArrivals arrivals, long after, CancellationToken stopping)
    {
        // Ends when the page closes or the inbox stops (an open stream would otherwise hold up the shutdown).
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = linked.Token;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        long sent = -1;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var next = arrivals.NextAsync();
                var count = store.CountAfter(after);
                if (count != sent)
                {
                    sent = count;
                    await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"data: {count}\n\n"), cancellationToken);
                }
                else
                {
                    await context.Response.WriteAsync(": still here\n\n", cancellationToken);
                }

                await context.Response.Body.FlushAsync(cancellationToken);
                await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(15), cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }
}
