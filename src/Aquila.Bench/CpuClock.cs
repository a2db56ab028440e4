using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Aquila.Bench;

/// <summary>
/// CPU time, which a shared machine does not distort the way it distorts wall time: of this process, of the calling
/// thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), and of another process (<c>/proc/PID/stat</c>).
/// </summary>
internal static partial class CpuClock
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    /// <summary>User + system CPU seconds of this process so far.</summary>
    public static double ProcessSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>CPU seconds of the calling thread so far, or 0 where the clock is not available.</summary>
    public static double ThreadSeconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        return ClockGetTime(ThreadCpuClock, out var time) == 0 ? time.Seconds + (time.Nanoseconds / 1e9) : 0;
    }

    /// <summary>User + system CPU seconds of process <paramref name="processId"/> (Linux), or 0.</summary>
    public static double OtherProcessSeconds(int processId)
    {
        var path = $"/proc/{processId}/stat";
        if (!File.Exists(path))
        {
            return 0;
        }

        // Fields after the command name (which may hold spaces) start at state; utime and stime are fields 14 and 15.
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /// <summary>The 1-minute load average (Linux), or 0.</summary>
    public static double LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? double.Parse(File.ReadAllText(path).Split(' ')[0], CultureInfo.InvariantCulture) : 0;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
