using System.Security.Cryptography;

namespace Aquila.Server.Projects;

/// <summary>
/// The server's own keys, kept outside the data directory: K_server (16 bytes, the AES key of the re-keying
/// permutation) and one 32-byte data key per project (the WAL's encryption key; destroying it crypto-shreds the
/// project). Files are hex, mode 0600, in a 0700 directory; created on first use.
/// </summary>
internal sealed class ServerKeyStore
{
    private readonly string _directory;

    public ServerKeyStore(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(Path.Combine(_directory, "projects"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public byte[] ServerKey() => LoadOrCreate(Path.Combine(_directory, "server.key"), 16);

    public byte[] ProjectDataKey(string projectId) => LoadOrCreate(ProjectKeyPath(projectId), 32);

    /// <summary>
    /// Crypto-shreds a project: its data key is overwritten and deleted (and the deletion made durable), so the
    /// project's log and snapshots can never be read again, whatever copies of them exist.
    /// </summary>
    public void DestroyProjectDataKey(string projectId)
    {
        var path = ProjectKeyPath(projectId);
        if (!File.Exists(path))
        {
            return;
        }

        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Write(new byte[stream.Length]);
            stream.Flush(flushToDisk: true);
        }

        File.Delete(path);
        Matching.Storage.PhysicalFileSystem.Instance.FlushDirectory(Path.GetDirectoryName(path)!);
    }

    private string ProjectKeyPath(string projectId) => Path.Combine(_directory, "projects", projectId + ".key");

    private static byte[] LoadOrCreate(string path, int length)
    {
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path).Trim();
            if (text.Length != length * 2)
            {
                throw new InvalidDataException($"Key file '{path}' must hold {length} bytes as {length * 2} hex characters.");
            }

            return Convert.FromHexString(text);
        }

        // Written to a temporary file and renamed: a crash can never leave an empty or half-written key behind.
        var key = RandomNumberGenerator.GetBytes(length);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(key) + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: false);

        // The key must survive a power cut before anything is encrypted with it.
        Matching.Storage.PhysicalFileSystem.Instance.FlushDirectory(Path.GetDirectoryName(path)!);
        return key;
    }
}
