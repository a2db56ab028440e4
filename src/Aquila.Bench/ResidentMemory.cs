using System.Diagnostics;

namespace Aquila.Bench;

/// <summary>Resident set size of this process (VmRSS on Linux), and a sampler that keeps the peak.</summary>
internal sealed class ResidentMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    private ResidentMemory(TimeSpan interval)
    {
        _peak = Current();
        _sampling = SampleAsync(interval);
    }

    /// <summary>Highest RSS seen since the sampler started.</summary>
    public long Peak => Interlocked.Read(ref _peak);

    /// <summary>RSS now, in bytes.</summary>
    public static long Current()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    /// <summary>
    /// RSS after a full, compacting collection that also gives free GC memory back to the OS (aggressive mode): what
    /// the process really keeps.
    /// </summary>
    public static long AfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return Current();
    }

    /// <summary>Bytes of live objects on the managed heap (call after <see cref="AfterFullCollection"/>).</summary>
    public static long ManagedHeapBytes() => GC.GetTotalMemory(forceFullCollection: false);

    /// <summary>Starts sampling every <paramref name="interval"/>.</summary>
    public static ResidentMemory StartSampling(TimeSpan interval) => new(interval);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sampling;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task SampleAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            var now = Current();
            if (now > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, now);
            }
        }
    }
}
