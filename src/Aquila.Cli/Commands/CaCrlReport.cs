using System.Globalization;
using Aquila.Security.Pki;

namespace Aquila.Cli.Commands;

/// <summary>The lines printed after a CRL was published.</summary>
internal static class CaCrlReport
{
    public static void Write(CrlPublication publication, string? copiedTo)
    {
        var output = Console.Out;
        output.WriteLine($"  CRL          {publication.Path}  (number {publication.Number.ToString(CultureInfo.InvariantCulture)}, {publication.RevokedCount} revoked)");
        output.WriteLine($"  next update  {publication.NextUpdate.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  (publish again before then: 'aquila ca crl')");
        output.WriteLine(copiedTo is null
            ? "Copy crl.pem to the server's CRL path (or use --crl-out); the server reloads it when it changes."
            : $"  copied to    {copiedTo}  (the server reloads it when it changes)");
    }
}
