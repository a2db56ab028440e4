namespace Aquila.Load;

/// <summary>Redis figures summed over the masters (INFO): used and peak memory, CPU seconds (user + sys), commands processed.</summary>
internal sealed record RedisStoreSample(int Masters, long UsedMemoryBytes, long PeakMemoryBytes, double CpuSeconds, long Commands);
