namespace Aquila.Bench;

/// <summary>
/// Redis figures summed over the masters (INFO): used, peak and resident memory, append-only file size, CPU seconds
/// (user + sys), commands processed (the calls a script makes count too) and script calls (EVALSHA, EVAL, FCALL: the
/// round trips that do the work).
/// </summary>
internal sealed record RedisStoreSample(int Masters, long UsedMemoryBytes, long PeakMemoryBytes, long ResidentBytes, long AppendOnlyFileBytes,
    double CpuSeconds, long Commands, long ScriptCalls);
