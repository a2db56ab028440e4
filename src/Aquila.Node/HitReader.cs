using System.Runtime.CompilerServices;
using Aquila.Protocol.V1;
using Grpc.Core;

namespace Aquila.Node;

/// <summary>
/// Reads the node's hits from a cursor. A dropped or refused connection (a server restart, the connection
/// lifetime cap) is retried from the last sequence seen, so nothing is lost or repeated: when following, until
/// cancelled; otherwise up to <see cref="MaxAttempts"/> times.
/// </summary>
public sealed class HitReader(Protocol.V1.Matching.MatchingClient client)
{
    /// <summary>Wait before the first reconnection; doubles up to 5 s.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Attempts of a read that does not follow.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Hit events with a sequence greater than <paramref name="afterSequence"/>, in order.</summary>
    public async IAsyncEnumerable<HitEvent> ReadAsync(string projectId, long afterSequence, bool follow,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = afterSequence;
        var delay = ReconnectDelay;
        for (var attempt = 1; ; attempt++)
        {
            using var call = client.WatchHits(new WatchHitsRequest { ProjectId = projectId, AfterSequence = cursor, Follow = follow },
                cancellationToken: cancellationToken);
            var stream = call.ResponseStream;
            var dropped = false;
            while (true)
            {
                try
                {
                    if (!await stream.MoveNext(cancellationToken))
                    {
                        break;
                    }
                }
                catch (RpcException e) when (IsTransient(e.StatusCode) && ServerCertificateRejectedException.Find(e) is null
                    && (follow || attempt < MaxAttempts)
                    && !cancellationToken.IsCancellationRequested)
                {
                    dropped = true;
                    break;
                }

                var hit = stream.Current;
                if (hit.Sequence <= cursor)
                {
                    continue;
                }

                cursor = hit.Sequence;
                attempt = 0;
                delay = ReconnectDelay;
                yield return hit;
            }

            if (!dropped)
            {
                yield break;
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    private static bool IsTransient(StatusCode code) => code is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Aborted;
}
