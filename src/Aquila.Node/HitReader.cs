using System.Runtime.CompilerServices;
using Aquila.Protocol.V1;
using Grpc.Core;

namespace Aquila.Node;

/// <summary>
/// Reads the node's hits from a cursor. When following, a dropped connection (a server restart, the connection
/// lifetime cap) is resumed from the last sequence seen, so nothing is lost or repeated.
/// </summary>
public sealed class HitReader(Protocol.V1.Matching.MatchingClient client)
{
    /// <summary>Wait before reconnecting after a dropped stream.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Hit events with a sequence greater than <paramref name="afterSequence"/>, in order.</summary>
    public async IAsyncEnumerable<HitEvent> ReadAsync(string projectId, long afterSequence, bool follow,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = afterSequence;
        while (true)
        {
            using var call = client.WatchHits(new WatchHitsRequest { ProjectId = projectId, AfterSequence = cursor, Follow = follow },
                cancellationToken: cancellationToken);
            var enumerator = call.ResponseStream.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            var dropped = false;
            try
            {
                while (true)
                {
                    HitEvent hit;
                    try
                    {
                        if (!await enumerator.MoveNextAsync())
                        {
                            break;
                        }

                        hit = enumerator.Current;
                    }
                    catch (RpcException e) when (follow && e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Aborted
                        && !cancellationToken.IsCancellationRequested)
                    {
                        dropped = true;
                        break;
                    }

                    if (hit.Sequence <= cursor)
                    {
                        continue;
                    }

                    cursor = hit.Sequence;
                    yield return hit;
                }
            }
            finally
            {
                await enumerator.DisposeAsync();
            }

            if (!dropped)
            {
                yield break;
            }

            await Task.Delay(ReconnectDelay, cancellationToken);
        }
    }
}
