using System.Globalization;
using System.Numerics;
using System.Text;

namespace Aquila.Security.Pki;

/// <summary>
/// The highest CRL number this server has used from each CA (by the SHA-256 fingerprint of its root), kept in a file so
/// that "never go backwards" survives a restart: restoring the TLS folder from a backup must not re-admit a revoked
/// node. One line per CA, <c>fingerprint number</c>; rewritten in place and flushed to disk before the CRL is used (when
/// the write creates the file, its directory is flushed too, or the new file could vanish in a power cut).
/// </summary>
internal sealed class CrlNumberRecord
{
    private readonly string _path;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BigInteger> _highest;
    private readonly Action<string> _flushDirectory;

    private CrlNumberRecord(string path, Dictionary<string, BigInteger> highest, Action<string>? flushDirectory)
    {
        _path = path;
        _highest = highest;
        _flushDirectory = flushDirectory ?? Matching.Storage.DirectorySync.Flush;
    }

    public string FilePath => _path;

    /// <summary>Reads the file (a missing file is an empty record).</summary>
    /// <param name="path">The record file.</param>
    /// <param name="flushDirectory">fsync of a directory; the real one unless a test watches the write path.</param>
    /// <exception cref="InvalidDataException">The file exists but is not a CRL-number record.</exception>
    public static CrlNumberRecord Open(string path, Action<string>? flushDirectory = null)
    {
        var full = Path.GetFullPath(path);
        var highest = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(full))
        {
            return new CrlNumberRecord(full, highest, flushDirectory);
        }

        var lineNumber = 0;
        foreach (var line in File.ReadAllLines(full, Encoding.ASCII))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(' ');
            if (parts.Length != 2 || parts[0].Length != 64 || !BigInteger.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new InvalidDataException(
                    $"The CRL-number record {full} is damaged at line {lineNumber}; restore it from a backup of the data directory, "
                    + "or (knowing that an older CRL is then accepted once) delete it.");
            }

            highest[parts[0]] = BigInteger.Max(number, highest.GetValueOrDefault(parts[0], BigInteger.MinusOne));
        }

        return new CrlNumberRecord(full, highest, flushDirectory);
    }

    /// <summary>The highest number recorded for the CA with this root fingerprint; -1 when none.</summary>
    public BigInteger HighestFor(string issuerFingerprint)
    {
        lock (_gate)
        {
            return _highest.GetValueOrDefault(issuerFingerprint, BigInteger.MinusOne);
        }
    }

    /// <summary>Records <paramref name="number"/> if it is higher than the one kept, durably, before returning.</summary>
    /// <exception cref="IOException">The file could not be written.</exception>
    public void Raise(string issuerFingerprint, BigInteger number)
    {
        lock (_gate)
        {
            if (number <= _highest.GetValueOrDefault(issuerFingerprint, BigInteger.MinusOne))
            {
                return;
            }

            _highest[issuerFingerprint] = number;
            var text = new StringBuilder();
            foreach (var (issuer, highest) in _highest.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(issuer).Append(' ').Append(highest.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            Write(Encoding.ASCII.GetBytes(text.ToString()));
        }
    }

    // A few dozen bytes rewritten in place and fsync'd: a record this small is written in one sector. The first write
    // creates the file, whose directory entry is durable only once the directory is flushed as well.
    private void Write(byte[] content)
    {
        var creating = !File.Exists(_path);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(_path, options);
        stream.Write(content);
        stream.SetLength(content.Length);
        stream.Flush(flushToDisk: true);
        if (creating)
        {
            _flushDirectory(Path.GetDirectoryName(_path)!);
        }
    }
}
