namespace Aquila.Server.Hosting;

/// <summary>
/// Checked before anything is opened: the server must be able to create files in its data directory. A read-only
/// directory would otherwise surface as an SQLite or write-ahead-log error deep in start-up; this names the directory.
/// </summary>
internal static class DataDirectoryCheck
{
    /// <exception cref="IOException">The directory cannot be created or written to.</exception>
    public static void EnsureWritable(string directory)
    {
        // An empty file: it needs no free blocks, so a full disk still passes (the server starts and refuses batches
        // with a clear status); a read-only mount or missing permission does not.
        var probe = Path.Combine(directory, ".write-check-" + Environment.ProcessId);
        try
        {
            Directory.CreateDirectory(directory);
            using (new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
            }

            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                $"The data directory '{directory}' is not writable ({e.GetType().Name}: {e.Message}). The server keeps its logs and "
                + "databases there: make it writable (is it mounted read-only, or owned by another user?) and start the server again.", e);
        }
    }
}
