using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security;
using Aquila.Security.Pki;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila ca revoke --ca ca/ (--serial HEX | --cert FILE) [--reason R] [--crl-out FILE]</c></summary>
internal static class CaRevokeCommand
{
    public static Command Create()
    {
        var ca = CaOptions.CaDirectory();
        var serial = new Option<string?>("--serial")
        {
            Description = "Serial number of the certificate to revoke, as printed by 'aquila ca sign' or 'aquila ca list' (':' allowed).",
            HelpName = "hex",
        };
        var certificate = new Option<FileInfo?>("--cert")
        {
            Description = "The certificate file to revoke (instead of --serial); it must have been issued by this CA.",
            HelpName = "file",
        };
        var reason = new Option<string?>("--reason")
        {
            Description = $"Why (written into the CRL): {CaRevocationReason.AllNames}.",
            HelpName = "reason",
        };
        var crlOut = new Option<FileInfo?>("--crl-out") { Description = CaCrlOutput.Description, HelpName = "file" };
        var passphrase = CaOptions.CaPassphraseFile();
        var json = CaOptions.Json();

        var command = new Command(
            "revoke",
            "Revoke a certificate and publish a new CRL (crl.pem in the CA directory, and with --crl-out where the server reads it). "
            + "The server refuses the certificate as soon as it sees the new CRL.")
        {
            ca, serial, certificate, reason, crlOut, passphrase, json,
        };
        command.SetAction(parse => CaCommandRunner.Run(() =>
        {
            var serialText = parse.GetValue(serial);
            var certificateFile = parse.GetValue(certificate);
            if ((serialText is null) == (certificateFile is null))
            {
                throw new CaCommandError(ExitCodes.Usage, "give exactly one of --serial and --cert.");
            }

            X509RevocationReason? revocationReason = null;
            if (parse.GetValue(reason) is { } reasonName)
            {
                revocationReason = CaRevocationReason.TryParse(reasonName, out var parsed)
                    ? parsed
                    : throw new CaCommandError(ExitCodes.Usage, $"--reason must be one of: {CaRevocationReason.AllNames}.");
            }

            var crlPath = CaCrlOutput.Check(parse.GetValue(crlOut));
            using var toRevoke = certificateFile is null ? null : CaCertificateFile.Load(certificateFile.FullName);
            var serialNumber = toRevoke?.SerialNumber is { } fromCertificate
                ? CaSerialNumber.Normalize(fromCertificate)!
                : CaSerialNumber.Normalize(serialText)
                    ?? throw new CaCommandError(ExitCodes.Usage, "--serial must be hexadecimal, e.g. as printed by 'aquila ca sign'.");

            using var authority = CaAuthority.Load(parse.GetValue(ca)!, parse.GetValue(passphrase));
            var alreadyRevoked = IsRevoked(authority, serialNumber);
            var publication = toRevoke is null
                ? authority.Revoke(serialNumber, revocationReason)
                : authority.Revoke(toRevoke, revocationReason);
            CaCrlOutput.CopyTo(publication, crlPath);

            if (alreadyRevoked)
            {
                CliConsole.Warn($"serial {serialNumber} was already revoked; its first revocation stands and the CRL was published again.");
            }

            Report(serialNumber, FindSubject(authority, serialNumber), publication, crlPath, parse.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static bool IsRevoked(CertificateAuthority authority, string serialNumber)
    {
        foreach (var record in authority.ListRevoked())
        {
            if (record.SerialNumber == serialNumber)
            {
                return true;
            }
        }

        return false;
    }

    private static PartySubject? FindSubject(CertificateAuthority authority, string serialNumber)
    {
        foreach (var record in authority.ListIssued())
        {
            if (record.SerialNumber == serialNumber && CaIssuedSubject.TryParse(record.Subject, out var subject))
            {
                return subject;
            }
        }

        return null;
    }

    private static void Report(string serialNumber, PartySubject? subject, CrlPublication publication, string? crlPath, bool json)
    {
        if (json)
        {
            CliConsole.WriteJson(new
            {
                SerialNumber = serialNumber,
                subject?.Party,
                Role = subject is { } s ? PartyRoleText.ToText(s.Role) : null,
                subject?.Name,
                Crl = publication.Path,
                CrlNumber = (long)publication.Number,
                publication.NextUpdate,
                publication.RevokedCount,
                CopiedTo = crlPath,
            });
            return;
        }

        var output = Console.Out;
        output.WriteLine($"Revoked serial {serialNumber}{(subject is { } holder ? $" ({holder.CommonName})" : "")}");
        CaCrlReport.Write(publication, crlPath);
    }
}
