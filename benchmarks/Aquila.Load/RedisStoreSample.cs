namespace Aquila.Load;

/// <summary>
/// Redis figures summed over the masters (INFO): used and peak memory, CPU seconds (user + sys), commands processed
/// (the calls a script makes count too) and script calls (EVALSHA, EVAL, FCALL: the round trips that do the work).
/// </summary>
internal sealed record RedisStoreSample(int Masters, long UsedMemoryBytes, long PeakMemoryBytes, double CpuSeconds, long Commands, long ScriptCalls);
