using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Aquila.Security.Pki;

/// <summary>Reads and appends the tab-separated index files of a CA directory. Lines starting with '#' are comments.</summary>
internal static class CertificateIndex
{
    public const string IssuedHeader = "# serial\tnot-before\tnot-after\tprofile\tsubject\n";
    public const string RevokedHeader = "# serial\trevoked-at\treason\n";

    private const string ClientProfile = "client";
    private const string ServerProfile = "server";

    public static void AppendIssued(string path, IssuedCertificateRecord record)
    {
        var line = string.Join(
            '\t',
            record.SerialNumber,
            FormatTime(record.NotBefore),
            FormatTime(record.NotAfter),
            record.IsServerCertificate ? ServerProfile : ClientProfile,
            record.Subject);
        File.AppendAllText(path, line + "\n", Encoding.UTF8);
    }

    public static void AppendRevoked(string path, RevokedCertificateRecord record)
    {
        var line = string.Join(
            '\t',
            record.SerialNumber,
            FormatTime(record.RevokedAt),
            record.Reason?.ToString() ?? "-");
        File.AppendAllText(path, line + "\n", Encoding.UTF8);
    }

    public static List<IssuedCertificateRecord> ReadIssued(string path)
    {
        var records = new List<IssuedCertificateRecord>();
        foreach (var (fields, lineNumber) in ReadLines(path, 5))
        {
            var serial = SerialNumbers.Normalize(fields[0]) ?? throw Damaged(path, lineNumber, "serial");
            var isServer = fields[3] switch
            {
                ServerProfile => true,
                ClientProfile => false,
                _ => throw Damaged(path, lineNumber, "profile"),
            };
            records.Add(new IssuedCertificateRecord(
                serial, ParseTime(fields[1], path, lineNumber), ParseTime(fields[2], path, lineNumber), isServer, fields[4]));
        }

        return records;
    }

    public static List<RevokedCertificateRecord> ReadRevoked(string path)
    {
        var records = new List<RevokedCertificateRecord>();
        foreach (var (fields, lineNumber) in ReadLines(path, 3))
        {
            var serial = SerialNumbers.Normalize(fields[0]) ?? throw Damaged(path, lineNumber, "serial");
            X509RevocationReason? reason = null;
            if (fields[2] != "-")
            {
                reason = Enum.TryParse<X509RevocationReason>(fields[2], out var parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw Damaged(path, lineNumber, "reason");
            }

            records.Add(new RevokedCertificateRecord(serial, ParseTime(fields[1], path, lineNumber), reason));
        }

        return records;
    }

    private static IEnumerable<(string[] Fields, int LineNumber)> ReadLines(string path, int fieldCount)
    {
        if (!File.Exists(path))
        {
            throw new CertificateAuthorityException($"The CA index file '{path}' is missing; is this a CA directory?");
        }

        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != fieldCount)
            {
                throw Damaged(path, lineNumber, $"field count (expected {fieldCount})");
            }

            yield return (fields, lineNumber);
        }
    }

    private static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text, string path, int lineNumber) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : throw Damaged(path, lineNumber, "time");

    private static CertificateAuthorityException Damaged(string path, int lineNumber, string field) =>
        new($"The CA index file '{path}' is damaged at line {lineNumber}: bad {field}.");
}
