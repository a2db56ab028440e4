using System.CommandLine;
using Aquila.Node;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila node confirm-fingerprint --project P --key-file project.key --cert DIR --fingerprint XXXX-...</c>: records,
/// signed by the node key in the key file itself, that the operator compared the transcript fingerprint with every other
/// party out of band. Until then the project key is refused for tokenising, list entries and queries.
/// </summary>
internal static class NodeConfirmFingerprintCommand
{
    public static Command Create()
    {
        var project = new Option<string>("--project") { Description = "The project of the key.", Required = true };
        var keyFile = new Option<FileInfo>("--key-file", "-k") { Description = "The key file `aquila node join` wrote.", Required = true };
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your node's certificate directory (the node that joined).", Required = true };
        var passphrase = CertificateDirectory.PassphraseOption();
        var fingerprint = new Option<string>("--fingerprint")
        {
            Description = "The transcript fingerprint `aquila node join` printed, after you compared it with every other party.",
            Required = true,
        };
        var command = new Command("confirm-fingerprint",
            "Record that the key ceremony's transcript fingerprint was compared with every other party out of band; the project key is usable only after this.")
        {
            project, keyFile, cert, passphrase, fingerprint,
        };
        command.SetAction(parse =>
        {
            if (CertificateDirectory.TryLoad(parse.GetValue(cert)!, parse.GetValue(passphrase)) is not { } identity)
            {
                return ExitCodes.BadInput;
            }

            using (identity)
            {
                try
                {
                    var path = parse.GetValue(keyFile)!.FullName;
                    var header = ProjectKeyFile.Confirm(path, identity, parse.GetValue(fingerprint)!, parse.GetValue(project)!);
                    Console.Out.WriteLine($"Fingerprint {header.Fingerprint} confirmed for party {header.Party} in project {header.ProjectId}: "
                        + $"the project key in {path} may now be used.");
                    return ExitCodes.Ok;
                }
                catch (InvalidDataException e)
                {
                    return CliConsole.Fail(ExitCodes.BadInput, e.Message);
                }
            }
        });
        return command;
    }
}
