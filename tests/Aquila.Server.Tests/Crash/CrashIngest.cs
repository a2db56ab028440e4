using System.Diagnostics;
using Aquila.Bench;
using Aquila.Node;
using Aquila.Protocol.V1;
using Grpc.Core;

namespace Aquila.Server.Tests.Crash;

/// <summary>
/// Three nodes submit their batches concurrently (each its own batches in order, one attempt each, no retries) while
/// a reader per party follows its hits; at the <see cref="KillPoint"/> the server is SIGKILLed.
/// </summary>
public static class CrashIngest
{
    public static async Task<CrashIngestOutcome> RunAsync(ServerChildProcess server, PartyClient[] clients, string[][] batches,
        string projectId, KillPoint killPoint, CancellationToken cancellationToken)
    {
        var acknowledged = new Dictionary<string, BatchReceipt>(StringComparer.Ordinal);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = 0;
        using var stopFollowing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var seen = new List<HitEvent>[clients.Length];
        var followers = new Task[clients.Length];
        for (var p = 0; p < clients.Length; p++)
        {
            seen[p] = [];
            followers[p] = FollowAsync(clients[p].Client, projectId, seen[p], stopFollowing.Token);
        }

        var clock = Stopwatch.StartNew();
        var submitters = new Task[clients.Length];
        for (var p = 0; p < clients.Length; p++)
        {
            submitters[p] = SubmitAllAsync(clients[p].Client, batches[p], acknowledged, () => Volatile.Read(ref killed) != 0,
                count => count >= killPoint.AfterAcknowledged ? reached.TrySetResult() : false, cancellationToken);
        }

        var allSubmitted = Task.WhenAll(submitters);
        if (killPoint.AfterAcknowledged == 0)
        {
            reached.TrySetResult();
        }

        await Task.WhenAny(allSubmitted, reached.Task);
        // Spin rather than sleep: a timer cannot place the kill at a precise point within the next batches.
        var jitter = Stopwatch.StartNew();
        while (jitter.Elapsed < killPoint.Delay)
        {
            Thread.SpinWait(50);
        }

        var finished = allSubmitted.IsCompletedSuccessfully;
        Volatile.Write(ref killed, 1);
        server.Kill();
        var killedAfter = clock.Elapsed;

        // A submission that failed before the kill was a real error: it surfaces here.
        await allSubmitted;
        await stopFollowing.CancelAsync();
        await Task.WhenAll(followers);
        return new CrashIngestOutcome(acknowledged, seen, killedAfter, finished);
    }

    private static async Task SubmitAllAsync(Protocol.V1.Matching.MatchingClient client, string[] batches,
        Dictionary<string, BatchReceipt> acknowledged, Func<bool> killed, Func<int, bool> onAcknowledged,
        CancellationToken cancellationToken)
    {
        // Run off the caller's context so the three parties really submit at the same time.
        await Task.Yield();
        var submitter = new BatchSubmitter(client) { MaxAttempts = 1 };
        foreach (var batch in batches)
        {
            if (killed())
            {
                return;
            }

            BatchReceipt receipt;
            try
            {
                receipt = await submitter.SubmitAsync(batch, null, cancellationToken);
            }
            catch (Exception) when (killed() && !cancellationToken.IsCancellationRequested)
            {
                // In flight when the server died: not acknowledged, and nothing after it is sent.
                return;
            }

            int count;
            lock (acknowledged)
            {
                acknowledged.Add(batch, receipt);
                count = acknowledged.Count;
            }

            onAcknowledged(count);
        }
    }

    private static async Task FollowAsync(Protocol.V1.Matching.MatchingClient client, string projectId, List<HitEvent> seen,
        CancellationToken stop)
    {
        await Task.Yield();
        try
        {
            await foreach (var hit in new HitReader(client) { ReconnectDelay = TimeSpan.FromMilliseconds(50) }
                .ReadAsync(projectId, 0, follow: true, stop))
            {
                seen.Add(hit);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (RpcException e) when (stop.IsCancellationRequested || e.StatusCode is StatusCode.Unavailable or StatusCode.Internal)
        {
            // The stream broke when the server was killed.
        }
    }
}
