using System.Security.Cryptography;

namespace Aquila.Tokens.Derivation;

/// <summary>
/// The 32-byte project key K_project under which a party's node derives tokens. It never leaves the node. The key
/// file holds it as 64 hex characters and one newline, readable by its owner only.
/// </summary>
public sealed class ProjectKey : IDisposable
{
    /// <summary>Key length in bytes.</summary>
    public const int Length = 32;

    private readonly byte[] _bytes;

    private ProjectKey(byte[] bytes) => _bytes = bytes;

    /// <summary>The key bytes. Do not copy them anywhere that outlives this object.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>A fresh random key.</summary>
    public static ProjectKey Generate() => new(RandomNumberGenerator.GetBytes(Length));

    /// <summary>Wraps existing key bytes (e.g. from the key ceremony).</summary>
    public static ProjectKey FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A project key is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }

        return new ProjectKey(bytes.ToArray());
    }

    /// <summary>Reads a key file; the error names the file and what is wrong, never the key.</summary>
    public static ProjectKey Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Key file '{path}' cannot be read: {e.Message}", e);
        }

        var hex = text.AsSpan().Trim();
        if (hex.Length != Length * 2)
        {
            throw new InvalidDataException(
                $"Key file '{path}' must hold a {Length}-byte key as {Length * 2} hex characters; it holds {hex.Length} characters.");
        }

        var bytes = new byte[Length];
        if (Convert.FromHexString(hex, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            throw new InvalidDataException($"Key file '{path}' holds characters that are not hex digits.");
        }

        return new ProjectKey(bytes);
    }

    /// <summary>Writes the key to a new file readable by its owner only; refuses to overwrite an existing file.</summary>
    public void Save(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(Convert.ToHexStringLower(_bytes));
        writer.Write('\n');
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Zeroes the key in memory.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_bytes);
}
