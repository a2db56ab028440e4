using System.Text;

namespace Aquila.Security.Pki;

/// <summary>File writing for key material and published files: private keys 0600, public files replaced atomically.</summary>
internal static class SecureFiles
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> if needed; a new directory is owner-only on Unix.</summary>
    public static void CreateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
        }
    }

    /// <summary>
    /// Writes a private key file that must not exist yet. On Unix the file is created with mode 0600 from the start,
    /// so there is no moment in which others could read it. An existing key is never overwritten.
    /// </summary>
    public static void WritePrivateKey(string path, string pem)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.ASCII.GetBytes(pem));
            stream.Flush(flushToDisk: true);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            throw new IOException($"The key file '{path}' already exists; refusing to overwrite a private key.", ex);
        }
    }

    /// <summary>
    /// Replaces <paramref name="path"/> atomically (write a temporary file next to it, flush, rename), so a reader
    /// such as the server's CRL reload sees either the old or the new content, never a half-written file.
    /// </summary>
    public static void WriteAtomically(string path, string content) => WriteAtomically(path, Encoding.ASCII.GetBytes(content));

    /// <inheritdoc cref="WriteAtomically(string, string)"/>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
