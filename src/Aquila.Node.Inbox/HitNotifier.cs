using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aquila.Node.Inbox;

/// <summary>
/// Announces new hits through the configured channels: after an arrival it waits <see cref="InboxNotificationOptions.Gather"/>
/// so hits released together make one message per project, then sends each channel its notices, retrying with a doubling
/// pause. How far it has notified is kept in the inbox database, so a restart neither repeats nor skips a notice; a notice
/// that fails every attempt is logged and given up.
/// </summary>
internal sealed class HitNotifier : BackgroundService
{
    private const int MostPerRound = 1000;
    private readonly InboxOptions _options;
    private readonly InboxStore _store;
    private readonly HitArrivals _arrivals;
    private readonly IReadOnlyList<INotificationChannel> _channels;
    private readonly string _party;
    private readonly TimeProvider _time;
    private readonly ILogger<HitNotifier> _logger;
    private readonly long _startMark;

    public HitNotifier(InboxOptions options, InboxStore store, HitArrivals arrivals, Party party, TimeProvider time, ILogger<HitNotifier> logger)
    {
        _options = options;
        _store = store;
        _arrivals = arrivals;
        _party = party.Code;
        _time = time;
        _logger = logger;
        // Read (and on first use set) before any hosted service runs: the follower may store hits the moment it starts.
        _startMark = store.NotifiedUpTo();
        var channels = new List<INotificationChannel>();
        if (options.Notifications.WebhookUrl is { } url)
        {
            channels.Add(new WebhookChannel(SharedClient, url));
        }

        if (options.Notifications.Smtp is { } smtp)
        {
            channels.Add(new EmailChannel(smtp));
        }

        _channels = channels;
    }

    /// <summary>The node's party, named in every notice.</summary>
    public sealed record Party(string Code);

    // One client for the process: the webhook's connections are pooled and its DNS is refreshed by the handler.
    private static HttpClient SharedClient { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var notified = _startMark;
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = _arrivals.NextAsync();
                var fresh = _store.ArrivalsAfter(notified, MostPerRound);
                if (fresh.Count == 0)
                {
                    await next.WaitAsync(stoppingToken);
                    await Task.Delay(_options.Notifications.Gather, _time, stoppingToken);
                    continue;
                }

                foreach (var group in fresh.GroupBy(h => h.Project, StringComparer.Ordinal))
                {
                    var notice = new NewHitsNotice(_party, group.Key, [.. group.Select(h => new NewHitsNotice.Hit(h.HitId, h.Band))],
                        _store.CountsByState(group.Key));
                    foreach (var channel in _channels)
                    {
                        await DeliverAsync(channel, notice, stoppingToken);
                    }
                }

                notified = fresh[^1].Arrival;
                _store.SetNotifiedUpTo(notified);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The inbox stops.
        }
    }

    private async Task DeliverAsync(INotificationChannel channel, NewHitsNotice notice, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, _options.Notifications.Attempts);
        var delay = _options.Notifications.RetryDelay;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                await channel.SendAsync(notice, cancellationToken);
                InboxLog.Notified(_logger, channel.Name, notice.Hits.Count, notice.Project);
                return;
            }
            catch (NotificationFailedException e)
            {
                InboxLog.NotifyFailed(_logger, channel.Name, notice.Project, attempt, attempts, e.Message);
            }

            if (attempt < attempts)
            {
                await Task.Delay(delay, _time, cancellationToken);
                delay *= 2;
            }
        }
    }
}
