namespace Aquila.Node.Inbox;

/// <summary>Tells the open pages' event streams that hits arrived: each waiter gets the next signal.</summary>
public sealed class HitArrivals
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when hits arrive after the call.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    /// <summary>Signals the current waiters.</summary>
    public void Signal() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
