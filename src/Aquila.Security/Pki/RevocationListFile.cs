using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Aquila.Security.Pki;

/// <summary>
/// A CRL file on disk, re-read whenever its length or modification time changes. Every read is verified against the
/// trusted roots; a file that changes while being read, fails to parse or verify, or rolls back to an older CRL
/// number yields an unusable snapshot (the validator then fails closed) until a good file appears. With a
/// <see cref="CrlNumberRecord"/> the highest number survives a restart: a CRL is used only once its number is recorded.
/// </summary>
internal sealed class RevocationListFile
{
    private readonly string _path;
    private readonly IReadOnlyList<(BcCertificate Certificate, string Fingerprint)> _roots;
    private readonly ILogger _logger;
    private readonly CrlNumberRecord? _numbers;
    private readonly Lock _reloadGate = new();
    private volatile Loaded? _current;
    private BigInteger _highestNumber = BigInteger.MinusOne;

    public RevocationListFile(string path, IReadOnlyList<X509Certificate2> roots, ILogger logger, CrlNumberRecord? numbers = null)
    {
        _path = Path.GetFullPath(path);
        _logger = logger;
        _numbers = numbers;
        var converted = new List<(BcCertificate, string)>(roots.Count);
        foreach (var root in roots)
        {
            converted.Add((BouncyCastleBridge.ToBouncyCastle(root), root.GetCertHashString(HashAlgorithmName.SHA256)));
        }

        _roots = converted;
    }

    public string FilePath => _path;

    /// <summary>The CRL as currently on disk; costs one stat when nothing changed.</summary>
    public RevocationListSnapshot Current()
    {
        var stamp = FileStamp.Read(_path);
        var current = _current;
        if (current is not null && current.Stamp == stamp)
        {
            return current.Snapshot;
        }

        lock (_reloadGate)
        {
            current = _current;
            if (current is not null && current.Stamp == stamp)
            {
                return current.Snapshot;
            }

            var snapshot = Load(stamp, out var settled);
            if (settled)
            {
                _current = new Loaded(stamp, snapshot);
            }

            return snapshot;
        }
    }

    private RevocationListSnapshot Load(FileStamp stamp, out bool settled)
    {
        settled = true;
        if (!stamp.Exists)
        {
            return Unusable("the CRL file does not exist");
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(_path);
        }
        catch (IOException ex)
        {
            settled = false;
            return Unusable("the CRL file could not be read: " + ex.GetType().Name);
        }

        if (FileStamp.Read(_path) != stamp)
        {
            // Being written right now (not an atomic replace): never use a half-written file; try again next time.
            settled = false;
            return RevocationListSnapshot.Unusable("the CRL file changed while it was read");
        }

        var snapshot = Parse(content);
        if (snapshot.Error is null)
        {
            if (_numbers is not null)
            {
                try
                {
                    _numbers.Raise(snapshot.IssuerFingerprint, snapshot.Number);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Not used until its number is on disk, or a restart could go back behind it; try again next time.
                    settled = false;
                    return Unusable($"its number could not be recorded in {_numbers.FilePath} ({e.GetType().Name})");
                }
            }

            _highestNumber = BigInteger.Max(_highestNumber, snapshot.Number);
            SecurityLog.CrlLoaded(_logger, _path, snapshot.RevokedSerials.Count, snapshot.NextUpdate);
        }

        return snapshot;
    }

    private RevocationListSnapshot Parse(byte[] content)
    {
        var der = DecodePem(content);
        if (der is null)
        {
            return Unusable("the file is neither a DER CRL nor a PEM 'X509 CRL' block");
        }

        var crl = BouncyCastleBridge.ParseCrl(der);
        if (crl is null)
        {
            return Unusable("the file is not a readable CRL");
        }

        string? issuer = null;
        foreach (var (certificate, fingerprint) in _roots)
        {
            if (BouncyCastleBridge.IsSignedBy(crl, certificate))
            {
                issuer = fingerprint;
                break;
            }
        }

        if (issuer is null)
        {
            return Unusable("the CRL's signature does not verify against any trusted root (tampered, or from another CA)");
        }

        if (crl.NextUpdate is not { } nextUpdate)
        {
            return Unusable("the CRL has no nextUpdate");
        }

        if (crl.GetCriticalExtensionOids() is { Count: > 0 })
        {
            return Unusable("the CRL has critical extensions this server does not understand (e.g. a delta CRL)");
        }

        var numberExtension = crl.GetExtensionValue(X509Extensions.CrlNumber);
        var number = numberExtension is null
            ? BigInteger.MinusOne
            : new BigInteger(DerInteger.GetInstance(Asn1Object.FromByteArray(numberExtension.GetOctets())).Value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
        var highest = BigInteger.Max(_highestNumber, _numbers?.HighestFor(issuer) ?? BigInteger.MinusOne);
        if (number < highest)
        {
            return Unusable($"the CRL number {number} is lower than the {highest} this server already used (an older CRL put back? "
                + "publish the current CRL again with `aquila ca crl`)", rolledBack: true);
        }

        var revoked = new HashSet<string>(StringComparer.Ordinal);
        var entries = crl.GetRevokedCertificates();
        if (entries is not null)
        {
            foreach (var entry in entries)
            {
                revoked.Add(SerialNumbers.FromBytes(entry.SerialNumber.ToByteArrayUnsigned()));
            }
        }

        return RevocationListSnapshot.Verified(
            issuer, revoked, new DateTimeOffset(crl.ThisUpdate, TimeSpan.Zero), new DateTimeOffset(nextUpdate, TimeSpan.Zero), number);
    }

    private static byte[]? DecodePem(byte[] content)
    {
        if (content.Length > 0 && content[0] == 0x30)
        {
            return content;
        }

        var text = System.Text.Encoding.ASCII.GetString(content);
        if (!PemEncoding.TryFind(text, out var fields) || text[fields.Label] != "X509 CRL")
        {
            return null;
        }

        var der = new byte[fields.DecodedDataLength];
        return Convert.TryFromBase64Chars(text[fields.Base64Data], der, out var written) && written == der.Length ? der : null;
    }

    private RevocationListSnapshot Unusable(string reason, bool rolledBack = false)
    {
        SecurityLog.CrlLoadFailed(_logger, _path, reason);
        return RevocationListSnapshot.Unusable(reason, rolledBack);
    }

    private sealed record Loaded(FileStamp Stamp, RevocationListSnapshot Snapshot);

    private readonly record struct FileStamp(bool Exists, long Length, long LastWriteTicks)
    {
        public static FileStamp Read(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(true, info.Length, info.LastWriteTimeUtc.Ticks) : default;
        }
    }
}
