using System.Text.Json;
using Aquila.Node.Hits;

namespace Aquila.Node.Inbox.Tests;

/// <summary>
/// New hits are announced to a real local webhook (retried after a failure) and by e-mail through a real local SMTP
/// listener — with project, counts, hit ids and bands, and no personal data or record id.
/// </summary>
[Collection(InboxCollection.Name)]
public sealed class InboxNotificationTests(InboxFlowFixture fixture)
{
    [Fact]
    public async Task New_hits_reach_the_webhook_after_a_retry_and_the_mailbox_without_personal_data()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var webhook = await WebhookReceiver.StartAsync(failFirst: 1);
        await using var smtp = new SmtpSink();
        var (dryRunProjectId, handles) = await fixture.SubmitDryRunAsync();
        var dataDirectory = fixture.NewDirectory("inbox");
        var options = fixture.InboxOptions(dataDirectory) with
        {
            Projects = [dryRunProjectId],
            HandleMaps = [handles],
            Notifications = new InboxNotificationOptions
            {
                WebhookUrl = webhook.Url,
                Smtp = new SmtpNotificationOptions("127.0.0.1", smtp.Port, "inbox@rs.example", ["analysts@rs.example"]),
                Gather = TimeSpan.FromMilliseconds(300),
                RetryDelay = TimeSpan.FromMilliseconds(100),
            },
        };

        var store = InboxStore.Open(dataDirectory);
        await using (var inbox = await InboxHost.StartAsync(options, null, cancel))
        {
            for (var i = 0; i < 150; i++)
            {
                var total = store.List(HitFilter.None, 0, 1).Total;
                if (total > 0 && HitIds(webhook.Delivered).Count == total && !smtp.Messages.IsEmpty)
                {
                    break;
                }

                await Task.Delay(100, cancel);
            }
        }

        var stored = store.List(HitFilter.None, 0, 100).Hits;
        Assert.NotEmpty(stored);
        Assert.Equal(stored.Select(h => h.HitId).Order(), HitIds(webhook.Delivered).Order());
        Assert.Equal(webhook.Delivered.Count + 1, webhook.Calls);
        using var json = JsonDocument.Parse(webhook.Delivered.First());
        var root = json.RootElement;
        Assert.Equal("RS", root.GetProperty("party").GetString());
        Assert.Equal(dryRunProjectId, root.GetProperty("project").GetString());
        var hits = root.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(root.GetProperty("new_hits").GetInt32(), hits.Count);
        Assert.All(hits, h => Assert.Contains(h.GetProperty("band").GetString()!, BandNames.All));
        Assert.True(root.GetProperty("counts").GetProperty("new").GetInt64() >= hits.Count);

        var mail = string.Join("\n", smtp.Messages);
        Assert.Contains("analysts@rs.example", mail, StringComparison.Ordinal);
        Assert.Contains(dryRunProjectId, mail, StringComparison.Ordinal);
        Assert.Contains(stored[^1].HitId, mail, StringComparison.Ordinal);
        var delivered = string.Join("\n", webhook.Delivered);
        foreach (var personal in new[] { "RS-DRY", "Jovanovi", "Kragujevac" })
        {
            Assert.DoesNotContain(personal, delivered, StringComparison.Ordinal);
            Assert.DoesNotContain(personal, mail, StringComparison.Ordinal);
        }
    }

    private static List<string> HitIds(IEnumerable<string> deliveries) =>
    [
        .. deliveries.SelectMany(body =>
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("hit_id").GetString()!).ToList();
        }),
    ];

    [Fact]
    public void The_notified_mark_starts_at_the_newest_hit_and_only_moves_forward()
    {
        using var directory = new TempDirectory();
        var store = InboxStore.Open(directory.Path);

        var first = store.NotifiedUpTo();
        store.SetNotifiedUpTo(7);
        store.SetNotifiedUpTo(3);

        Assert.Equal(0, first);
        Assert.Equal(7, InboxStore.Open(directory.Path).NotifiedUpTo());
    }
}
