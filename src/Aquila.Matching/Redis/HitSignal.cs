namespace Aquila.Matching.Redis;

/// <summary>Wakes this instance's watchers of one party when this instance appended to the party's stream.</summary>
internal sealed class HitSignal
{
    private TaskCompletionSource _grown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A task completed at the next <see cref="Signal"/>.</summary>
    public Task Next => Volatile.Read(ref _grown).Task;

    public void Signal() => Interlocked.Exchange(ref _grown, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
