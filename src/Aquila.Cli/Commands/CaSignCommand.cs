using System.CommandLine;
using Aquila.Security;
using Aquila.Security.Pki;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila ca sign --ca ca/ --csr FILE --out FILE [--validity-days N] [--expect-party RS] [--expect-role node]</c></summary>
internal static class CaSignCommand
{
    // A P-256 CSR is well under 1 KiB; anything this big is not one.
    private const long MaxCsrBytes = 64 * 1024;

    public static Command Create()
    {
        var ca = CaOptions.CaDirectory();
        var csr = new Option<FileInfo>("--csr")
        {
            Description = "The certificate signing request a node sent you (<party>-<role>-<name>.csr.pem).",
            HelpName = "file",
            Required = true,
        };
        var output = new Option<FileInfo>("--out", "-o")
        {
            Description = "Where to write the signed certificate (PEM). Must not exist yet.",
            HelpName = "file",
            Required = true,
        };
        var validity = CaOptions.ValidityDays("Days the certificate is valid.", 365);
        var expectParty = new Option<string?>("--expect-party")
        {
            Description = "Refuse unless the CSR is for this party code (e.g. RS). Recommended.",
            HelpName = "party",
        };
        var expectRole = new Option<string?>("--expect-role")
        {
            Description = $"Refuse unless the CSR is for this role ({PartyRoleText.AllNames}). Recommended.",
            HelpName = "role",
        };
        var passphrase = CaOptions.CaPassphraseFile();
        var json = CaOptions.Json();

        var command = new Command(
            "sign",
            "Issue a certificate for a node's CSR. The CA checks the CSR's signature, key type (ECDSA P-256) and subject; "
            + "compare the printed public key fingerprint with the one the node gave you by another channel.")
        {
            ca, csr, output, validity, expectParty, expectRole, passphrase, json,
        };
        command.SetAction(parse => CaCommandRunner.Run(() =>
        {
            var options = new CertificateIssueOptions
            {
                Validity = CaOptions.ToValidity(parse.GetValue(validity)),
                ExpectedParty = ParseParty(parse.GetValue(expectParty)),
                ExpectedRole = ParseRole(parse.GetValue(expectRole)),
            };
            var csrPem = ReadCsr(parse.GetValue(csr)!);
            var certificatePath = CheckNewFile(parse.GetValue(output)!);

            IssuedCertificate issued;
            using (var authority = CaAuthority.Load(parse.GetValue(ca)!, parse.GetValue(passphrase)))
            {
                issued = authority.Sign(csrPem, options);
            }

            issued.WriteTo(certificatePath);
            Report(issued, certificatePath, parse.GetValue(json));
            if (options.ExpectedParty is null || options.ExpectedRole is null)
            {
                CliConsole.Warn("signed without --expect-party and --expect-role: check that the subject above is who sent you the CSR.");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string? ParseParty(string? party) => party is null || PartyCode.IsValid(party)
        ? party
        : throw new CaCommandError(ExitCodes.Usage, "--expect-party must be two or three upper-case letters, e.g. RS, MK, PCC.");

    private static PartyRole? ParseRole(string? role)
    {
        if (role is null)
        {
            return null;
        }

        return PartyRoleText.TryParse(role, out var parsed)
            ? parsed
            : throw new CaCommandError(ExitCodes.Usage, $"--expect-role must be one of: {PartyRoleText.AllNames}.");
    }

    private static string ReadCsr(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CaCommandError(ExitCodes.BadInput, $"The CSR file '{file.FullName}' does not exist.");
        }

        if (file.Length > MaxCsrBytes)
        {
            throw new CaCommandError(ExitCodes.PkiRefused,
                $"'{file.FullName}' is {file.Length} bytes, too big for a certificate request; create it again with 'aquila node csr'.");
        }

        return File.ReadAllText(file.FullName);
    }

    /// <summary>Checks before signing that the certificate can be written, so a refused write never follows an issued certificate.</summary>
    private static string CheckNewFile(FileInfo file)
    {
        if (file.Exists || Directory.Exists(file.FullName))
        {
            throw new CaCommandError(ExitCodes.BadInput, $"'{file.FullName}' already exists; choose a new file for the certificate.");
        }

        if (file.Directory is { Exists: false } directory)
        {
            throw new CaCommandError(ExitCodes.BadInput, $"The directory '{directory.FullName}' does not exist.");
        }

        return file.FullName;
    }

    private static void Report(IssuedCertificate issued, string certificatePath, bool json)
    {
        var publicKey = CaFingerprint.OfCertificatePem(issued.Pem);
        if (json)
        {
            CliConsole.WriteJson(new
            {
                Subject = issued.Subject.ToDistinguishedName().Name,
                issued.Subject.Party,
                Role = PartyRoleText.ToText(issued.Subject.Role),
                issued.Subject.Name,
                issued.SerialNumber,
                issued.NotBefore,
                issued.NotAfter,
                issued.Fingerprint,
                PublicKeySha256 = publicKey,
                Certificate = certificatePath,
            });
            return;
        }

        var output = Console.Out;
        output.WriteLine($"Signed a certificate for {issued.Subject.CommonName}");
        output.WriteLine($"  subject      {issued.Subject.ToDistinguishedName().Name}  (party {issued.Subject.Party}, role {PartyRoleText.ToText(issued.Subject.Role)})");
        output.WriteLine($"  serial       {issued.SerialNumber}");
        output.WriteLine($"  not after    {issued.NotAfter.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
        output.WriteLine($"  public key   SHA-256 {CaFingerprint.Grouped(publicKey)}  (must equal the node's)");
        output.WriteLine($"  certificate  {certificatePath}  (send it, with ca.crt.pem, to the node)");
    }
}
