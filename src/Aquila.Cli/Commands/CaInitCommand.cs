using System.CommandLine;
using System.Security.Cryptography;
using Aquila.Security.Pki;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila ca init --out ca/ [--name "PCC SEE Aquila CA"] [--validity-days N] [--passphrase-file F]</c></summary>
internal static class CaInitCommand
{
    public const string DefaultName = "PCC SEE Aquila CA";

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "The new CA directory (must not exist or be empty). Keep it offline: it holds the CA key.",
            HelpName = "dir",
            Required = true,
        };
        var name = new Option<string>("--name")
        {
            Description = "Common name of the root certificate.",
            HelpName = "name",
            DefaultValueFactory = _ => DefaultName,
        };
        var validity = CaOptions.ValidityDays("Days the root certificate is valid; every certificate it issues must end before it.", 3650);
        var passphrase = CaOptions.PassphraseFile(
            "File whose first line is the passphrase that encrypts the CA key. Without it the key is stored unencrypted.");
        var json = CaOptions.Json();

        var command = new Command(
            "init",
            "Create the Aquila root CA (operator only, offline): its key, root certificate, empty indexes and a first CRL. "
            + "The running server never gets the CA key; give it only ca.crt.pem and crl.pem.")
        {
            output, name, validity, passphrase, json,
        };
        command.SetAction(parse => CaCommandRunner.Run(() =>
        {
            var commonName = parse.GetValue(name);
            if (string.IsNullOrWhiteSpace(commonName))
            {
                throw new CaCommandError(ExitCodes.Usage, "--name must not be empty.");
            }

            var options = new CertificateAuthorityOptions
            {
                CommonName = commonName,
                Validity = CaOptions.ToValidity(parse.GetValue(validity)),
                KeyPassphrase = CaPassphrase.Read(parse.GetValue(passphrase)),
            };
            var directory = Path.TrimEndingDirectorySeparator(parse.GetValue(output)!.FullName);
            CreateAtomically(directory, options);
            Report(new CertificateAuthorityFiles(directory), options, parse.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Builds the CA in a hidden sibling directory and renames it into place, so a failure half-way (disk full, a
    /// permission problem) never leaves a directory that looks like a CA but lacks a file.
    /// </summary>
    private static void CreateAtomically(string directory, CertificateAuthorityOptions options)
    {
        var files = new CertificateAuthorityFiles(directory);
        var targetExists = Directory.Exists(directory);
        if (targetExists && (File.Exists(files.KeyPath) || File.Exists(files.CertificatePath)))
        {
            throw new CaCommandError(ExitCodes.PkiRefused, $"'{directory}' already contains a CA; refusing to replace its key.");
        }

        if (targetExists && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new CaCommandError(ExitCodes.BadInput, $"'{directory}' is not empty; give a new or empty directory for the CA.");
        }

        if (File.Exists(directory))
        {
            throw new CaCommandError(ExitCodes.BadInput, $"'{directory}' is a file; give a new or empty directory for the CA.");
        }

        var parent = Path.GetDirectoryName(directory)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(directory)}.init-{Guid.NewGuid():N}");
        try
        {
            CertificateAuthority.Create(staging, options).Dispose();
            if (targetExists)
            {
                Directory.Delete(directory);
            }

            Directory.Move(staging, directory);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void Report(CertificateAuthorityFiles files, CertificateAuthorityOptions options, bool json)
    {
        using var root = CaCertificateFile.Load(files.CertificatePath);
        var fingerprint = root.GetCertHashString(HashAlgorithmName.SHA256);
        var notAfter = new DateTimeOffset(root.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var encrypted = options.KeyPassphrase is not null;
        if (json)
        {
            CliConsole.WriteJson(new
            {
                Directory = files.Directory,
                Certificate = files.CertificatePath,
                Key = files.KeyPath,
                KeyEncrypted = encrypted,
                Crl = files.CrlPath,
                Subject = root.Subject,
                root.SerialNumber,
                NotAfter = notAfter,
                Fingerprint = fingerprint,
            });
        }
        else
        {
            var output = Console.Out;
            output.WriteLine($"Created the Aquila CA in {files.Directory}");
            output.WriteLine($"  subject      {root.Subject}");
            output.WriteLine($"  not after    {notAfter:yyyy-MM-dd HH:mm:ss}Z");
            output.WriteLine($"  certificate  {files.CertificatePath}  (give to the server and every node as the trust anchor)");
            output.WriteLine($"  SHA-256      {CaFingerprint.Grouped(fingerprint)}  (nodes check this before trusting it)");
            output.WriteLine($"  key          {files.KeyPath}  ({(encrypted ? "encrypted" : "NOT encrypted")}, mode 0600; never on the server)");
            output.WriteLine($"  CRL          {files.CrlPath}  (copy to the server; publish again at least weekly with 'aquila ca crl')");
        }

        if (!encrypted)
        {
            CliConsole.Warn("the CA key is not encrypted; keep the CA directory on an offline, encrypted medium, or create it with --passphrase-file.");
        }
    }
}
