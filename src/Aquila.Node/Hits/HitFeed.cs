using System.Runtime.CompilerServices;
using Aquila.Tokens.Batches;

namespace Aquila.Node.Hits;

/// <summary>
/// The party's hits from the matcher, each resolved to the party's own record id (<c>aquila node hits</c>, the inbox).
/// Reconnects as <see cref="HitReader"/> does, so nothing is lost or repeated.
/// </summary>
public sealed class HitFeed(Protocol.V1.Matching.MatchingClient client, HandleMap handles)
{
    /// <summary>Wait before the first reconnection; doubles up to 5 s.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Hits with a sequence greater than <paramref name="afterSequence"/>, in order; with <paramref name="follow"/>, until cancelled.</summary>
    /// <exception cref="Grpc.Core.RpcException">The server refused, or could not be reached after the reader's retries.</exception>
    public async IAsyncEnumerable<NodeHit> ReadAsync(string projectId, long afterSequence, bool follow,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new HitReader(client) { ReconnectDelay = ReconnectDelay };
        await foreach (var hit in reader.ReadAsync(projectId, afterSequence, follow, cancellationToken))
        {
            yield return HitEvents.Resolve(hit, handles);
        }
    }
}
