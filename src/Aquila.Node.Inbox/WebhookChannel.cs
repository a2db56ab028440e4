using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Aquila.Node.Inbox;

/// <summary>
/// POSTs each notice as JSON: <c>{"party","project","new_hits","hits":[{"hit_id","band"}],"counts":{state: n}}</c>.
/// Any 2xx answer is delivery; anything else (or no answer in 10 s) is a failure the notifier retries.
/// </summary>
internal sealed class WebhookChannel(HttpClient client, Uri url) : INotificationChannel
{
    public string Name => "webhook";

    public async Task SendAsync(NewHitsNotice notice, CancellationToken cancellationToken)
    {
        var body = new Payload(notice.Party, notice.Project, notice.Hits.Count,
            [.. notice.Hits.Select(h => new PayloadHit(h.HitId, h.Band))], notice.Counts);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            using var response = await client.PostAsJsonAsync(url, body, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new NotificationFailedException($"the webhook answered {(int)response.StatusCode}");
            }
        }
        catch (HttpRequestException e)
        {
            throw new NotificationFailedException("the webhook cannot be reached: " + e.Message, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationFailedException("the webhook did not answer in 10 s", e);
        }
    }

    private sealed record Payload(
        [property: JsonPropertyName("party")] string Party,
        [property: JsonPropertyName("project")] string Project,
        [property: JsonPropertyName("new_hits")] int NewHits,
        [property: JsonPropertyName("hits")] IReadOnlyList<PayloadHit> Hits,
        [property: JsonPropertyName("counts")] IReadOnlyDictionary<string, long> Counts);

    private sealed record PayloadHit([property: JsonPropertyName("hit_id")] string HitId, [property: JsonPropertyName("band")] string Band);
}
