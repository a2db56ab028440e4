using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila node fingerprint --cert DIR [--json]</c>: the party code and the SHA-256 of the node certificate's public key
/// (SubjectPublicKeyInfo), as a party sends it with its acceptance of a project and every party passes it to
/// <c>aquila node join --expect-parties</c>. Reads only the certificate: no key, no passphrase.
/// </summary>
internal static class NodeFingerprintCommand
{
    public static Command Create()
    {
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your node's certificate directory.", Required = true };
        var json = CaOptions.Json();
        var command = new Command("fingerprint",
            "Print this node's party code and node key hash, to send with your acceptance of a project (for --expect-parties).")
        {
            cert, json,
        };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(cert)!.FullName;
            var certificates = Directory.Exists(directory)
                ? Directory.GetFiles(directory, "*.crt.pem").Where(f => Path.GetFileName(f) != "ca.crt.pem").ToArray()
                : [];
            if (certificates.Length != 1)
            {
                return CliConsole.Fail(ExitCodes.BadInput,
                    $"Certificate directory '{directory}' must hold exactly one node certificate (*.crt.pem besides ca.crt.pem); it holds {certificates.Length}.");
            }

            using var certificate = X509CertificateLoader.LoadCertificateFromFile(certificates[0]);
            if (!PartyIdentity.TryFromCertificate(certificate, out var identity, out var error) || identity.Role != PartyRole.Node)
            {
                return CliConsole.Fail(ExitCodes.BadInput, $"'{certificates[0]}' is not an Aquila node certificate{(error is null ? "" : ": " + error)}.");
            }

            var hash = CaFingerprint.OfPublicKey(certificate.PublicKey);
            if (parse.GetValue(json))
            {
                CliConsole.WriteJson(new { identity.Party, PublicKeySha256 = hash, ExpectParty = $"{identity.Party}={hash}" });
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine($"{identity.Party}={hash}");
            Console.Out.WriteLine($"  party {identity.Party}, node key SHA-256 {CaFingerprint.Grouped(hash)}");
            Console.Out.WriteLine("Send the first line with your acceptance of the project (e.g. in the SIENA message); every party passes all "
                + "of them, comma-separated, to `aquila node join --expect-parties`. It is the hash `aquila node csr` printed and `aquila ca sign` showed.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
