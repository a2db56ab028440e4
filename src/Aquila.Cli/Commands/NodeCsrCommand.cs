using System.CommandLine;
using Aquila.Security;
using Aquila.Security.Pki;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila node csr --party RS --role node --out DIR [--name N] [--passphrase-file F]</c></summary>
internal static class NodeCsrCommand
{
    public static Command Create()
    {
        var party = new Option<string>("--party", "-p")
        {
            Description = "Your party code: two or three upper-case letters, e.g. RS, BA, XK (PCC for the Secretariat).",
            HelpName = "code",
            Required = true,
        };
        var role = new Option<string>("--role")
        {
            Description = $"What the certificate is for: {PartyRoleText.AllNames}.",
            HelpName = "role",
            DefaultValueFactory = _ => "node",
        };
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Your credentials directory: the key is created here (mode 0600) and never leaves it.",
            HelpName = "dir",
            Required = true,
        };
        var name = new Option<string>("--name", "-n")
        {
            Description = $"Tells several certificates of one party and role apart: 1-{PartySubject.MaxNameLength} of A-Z a-z 0-9 . _ -.",
            HelpName = "name",
            DefaultValueFactory = _ => "1",
        };
        var passphrase = CaOptions.PassphraseFile("File whose first line is a passphrase that encrypts the new key (optional).");
        var json = CaOptions.Json();

        var command = new Command(
            "csr",
            "Create this node's private key and a certificate signing request (CSR) for the Aquila CA. "
            + "Send only the CSR to the operator, and confirm the printed public key fingerprint with them by another channel.")
        {
            party, role, output, name, passphrase, json,
        };
        command.SetAction(parse => CaCommandRunner.Run(() =>
        {
            var subject = ParseSubject(parse.GetValue(party)!, parse.GetValue(role)!, parse.GetValue(name)!);
            var directory = parse.GetValue(output)!.FullName;
            var keyPath = NodeCredentials.KeyPath(directory, subject);
            if (File.Exists(keyPath))
            {
                throw new CaCommandError(ExitCodes.BadInput,
                    $"'{keyPath}' already exists; a key is never overwritten. Use it, or choose another --name.");
            }

            var request = NodeCredentials.CreateRequest(
                subject.Party, subject.Role, directory, subject.Name, CaPassphrase.Read(parse.GetValue(passphrase)));
            Report(request, CaFingerprint.OfRequestPem(request.Pem), parse.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static PartySubject ParseSubject(string party, string role, string name)
    {
        if (!PartyCode.IsValid(party))
        {
            throw new CaCommandError(ExitCodes.Usage, "--party must be two or three upper-case letters, e.g. RS, MK, PCC.");
        }

        if (!PartyRoleText.TryParse(role, out var parsedRole))
        {
            throw new CaCommandError(ExitCodes.Usage, $"--role must be one of: {PartyRoleText.AllNames}.");
        }

        if (!PartySubject.IsValidName(name))
        {
            throw new CaCommandError(ExitCodes.Usage,
                $"--name must be 1-{PartySubject.MaxNameLength} characters of A-Z, a-z, 0-9, '.', '_' or '-'.");
        }

        return new PartySubject(party, parsedRole, name);
    }

    private static void Report(CertificateSigningRequest request, string fingerprint, bool json)
    {
        if (json)
        {
            CliConsole.WriteJson(new
            {
                Subject = request.Subject.ToDistinguishedName().Name,
                request.Subject.Party,
                Role = PartyRoleText.ToText(request.Subject.Role),
                request.Subject.Name,
                Csr = request.CsrPath,
                Key = request.KeyPath,
                PublicKeySha256 = fingerprint,
            });
            return;
        }

        var output = Console.Out;
        output.WriteLine($"Created a key and a certificate request for {request.Subject.CommonName}");
        output.WriteLine($"  CSR         {request.CsrPath}  (send this file to the CA operator)");
        output.WriteLine($"  key         {request.KeyPath}  (mode 0600; never send it anywhere)");
        output.WriteLine($"  public key  SHA-256 {CaFingerprint.Grouped(fingerprint)}");
        output.WriteLine("Read the fingerprint to the operator by phone or another channel: 'aquila ca sign' prints the same one.");
        output.WriteLine($"Put the signed certificate next to the key as {Path.GetFileName(NodeCredentials.CertificatePath(".", request.Subject))}.");
    }
}
