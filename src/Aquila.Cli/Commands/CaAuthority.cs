using Aquila.Security.Pki;

namespace Aquila.Cli.Commands;

/// <summary>Opens the CA directory named by <c>--ca</c> for a PKI command.</summary>
internal static class CaAuthority
{
    /// <exception cref="CaCommandError">The directory or passphrase file cannot be used.</exception>
    /// <exception cref="CertificateAuthorityException">No CA there, the passphrase is wrong, or key and certificate do not match.</exception>
    public static CertificateAuthority Load(DirectoryInfo directory, FileInfo? passphraseFile)
    {
        if (!directory.Exists)
        {
            throw new CaCommandError(ExitCodes.BadInput,
                $"The CA directory '{directory.FullName}' does not exist; create the CA with 'aquila ca init' or check --ca.");
        }

        var options = new CertificateAuthorityOptions { KeyPassphrase = CaPassphrase.Read(passphraseFile) };
        var files = new CertificateAuthorityFiles(directory.FullName);
        if (options.KeyPassphrase is null && File.Exists(files.KeyPath)
            && File.ReadAllText(files.KeyPath).Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new CaCommandError(ExitCodes.PkiRefused,
                $"The CA key '{files.KeyPath}' is encrypted: give its passphrase with --passphrase-file.");
        }

        return CertificateAuthority.Load(files.Directory, options);
    }
}
