using Aquila.Coordination.Audit;
using Grpc.Core;
using StackExchange.Redis;

namespace Aquila.Server.ScaleOut;

/// <summary>
/// A Matcher instance's audit: every event goes to the audit stream in Redis, which the coordinator drains into its chain
/// (<see cref="AuditStreamDrain"/>). A batch acceptance waits until the coordinator has committed its entry, so a node's
/// receipt carries a head of the real chain, as with a single server.
/// </summary>
internal sealed class AuditRelay(IConnectionMultiplexer redis, ScaleOutKeys keys, TimeProvider clock, TimeSpan acceptanceTimeout)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];

    /// <summary>This instance's name in relayed events (random per start).</summary>
    public string Instance => _instance;

    /// <summary>Appends the event to the audit stream. The receipt is empty: the coordinator numbers the entry later.</summary>
    /// <exception cref="RpcException">Unavailable: Redis does not answer.</exception>
    public async ValueTask<AuditReceipt> PublishAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await AddAsync(auditEvent, RelayedEventType.Event, cancellationToken);
        return default;
    }

    /// <summary>
    /// Relays a batch acceptance and returns the head of its entry in the coordinator's chain once the coordinator has
    /// committed it (the same head for every resend of the batch).
    /// </summary>
    /// <exception cref="RpcException">Unavailable: Redis does not answer, or the coordinator did not record it in time.</exception>
    public async Task<AuditHead> BatchAcceptedAsync(AuditEvent accepted, bool firstAcceptance, CancellationToken cancellationToken)
    {
        var headKey = keys.AcceptanceHead(accepted.ProjectId!, accepted.Subject!);
        if (await ReadHeadAsync(headKey) is { } known)
        {
            return known;
        }

        await AddAsync(accepted, firstAcceptance ? RelayedEventType.FirstAcceptance : RelayedEventType.Acceptance, cancellationToken);
        var deadline = clock.GetUtcNow() + acceptanceTimeout;
        while (clock.GetUtcNow() < deadline)
        {
            await Task.Delay(PollInterval, cancellationToken);
            if (await ReadHeadAsync(headKey) is { } head)
            {
                return head;
            }
        }

        throw new RpcException(new Status(StatusCode.Unavailable,
            $"The batch is stored, but the coordinator instance has not recorded its acceptance in the audit chain within "
            + $"{acceptanceTimeout.TotalSeconds:0} s (is it running?). Resend the batch later: it is not stored twice."));
    }

    private async Task AddAsync(AuditEvent auditEvent, RelayedEventType type, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var relayed = new RelayedAuditEvent(auditEvent, type, clock.GetUtcNow().ToUnixTimeMilliseconds(), _instance);
        try
        {
            await redis.GetDatabase().StreamAddAsync(keys.AuditStream, relayed.ToFields());
        }
        catch (RedisException e)
        {
            throw Unavailable(e);
        }
    }

    private async Task<AuditHead?> ReadHeadAsync(RedisKey key)
    {
        RedisValue value;
        try
        {
            value = await redis.GetDatabase().StringGetAsync(key);
        }
        catch (RedisException e)
        {
            throw Unavailable(e);
        }

        return AuditHead.TryParse(value.IsNullOrEmpty ? null : value.ToString(), out var head) ? head : null;
    }

    private static RpcException Unavailable(RedisException e) => new(new Status(StatusCode.Unavailable,
        "The audit relay (Redis) is unavailable (" + e.GetType().Name + "); nothing was acknowledged. Retry later."));
}
