using System.Diagnostics;

namespace Aquila.Testing;

/// <summary>Ending the helper processes a test started (redis-server, prometheus).</summary>
public static class ChildProcesses
{
    /// <summary>Kills <paramref name="process"/> and its children (SIGKILL) and waits until it is gone, then disposes it.</summary>
    public static async Task KillAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}
