namespace Aquila.Cli.Commands;

/// <summary>Writing and reading the files of the offline exchange (.aqx, .aqh).</summary>
internal static class OfflineFiles
{
    /// <summary>Writes beside the target and renames, so a reader never sees half a file.</summary>
    public static void Write(string path, byte[] bytes)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The file's bytes, or null after printing why it cannot be read.</summary>
    public static byte[]? TryRead(FileInfo file)
    {
        try
        {
            return File.ReadAllBytes(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CliConsole.Fail(ExitCodes.BadInput, $"'{file.FullName}' cannot be read: {e.Message}");
            return null;
        }
    }
}
