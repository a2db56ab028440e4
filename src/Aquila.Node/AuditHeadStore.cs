using System.Globalization;

namespace Aquila.Node;

/// <summary>
/// The audit-chain heads a node received with its receipts, appended to a local text file: one
/// <c>"&lt;sequence&gt; &lt;64 hex digits&gt;"</c> line per head, preceded by a '#' comment saying when and for which
/// batch. <c>aquila audit verify --heads FILE</c> reads it: a saved head the server's chain no longer contains
/// exposes an operator who rewrote history.
/// </summary>
public sealed class AuditHeadStore(string path, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The file the heads are kept in.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The heads file a node keeps in its certificate directory (<c>audit-heads.txt</c>).</summary>
    public static AuditHeadStore InCertificateDirectory(string certificateDirectory) =>
        new(System.IO.Path.Combine(certificateDirectory, "audit-heads.txt"));

    /// <summary>Appends one head and flushes it to disk.</summary>
    public void Append(long sequence, ReadOnlySpan<byte> hash, string batchIdHex)
    {
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new StreamWriter(stream);
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"# received {_time.GetUtcNow():O} for batch {batchIdHex}\n{sequence} {Convert.ToHexStringLower(hash)}\n"));
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }
}
