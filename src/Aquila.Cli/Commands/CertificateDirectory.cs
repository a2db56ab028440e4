using System.CommandLine;
using Aquila.Node;

namespace Aquila.Cli.Commands;

/// <summary>Loads the credentials of a --cert directory, turning what can go wrong into one error line.</summary>
internal static class CertificateDirectory
{
    /// <summary>The <c>--passphrase-file</c> of a node key made with <c>aquila node csr --passphrase-file</c>.</summary>
    public static Option<FileInfo?> PassphraseOption() =>
        CaOptions.PassphraseFile("File whose first line is the passphrase of the node key (when `aquila node csr --passphrase-file` encrypted it).");

    /// <summary>The identity, or null after printing why it cannot be loaded.</summary>
    public static NodeIdentity? TryLoad(DirectoryInfo directory, FileInfo? passphraseFile = null)
    {
        try
        {
            return NodeIdentity.Load(directory.FullName, CaPassphrase.Read(passphraseFile));
        }
        catch (CaCommandError e)
        {
            CliConsole.Fail(e.ExitCode, e.Message);
            return null;
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or Security.Pki.CertificateAuthorityException)
        {
            var hint = passphraseFile is null && e is Security.Pki.CertificateAuthorityException
                ? " If the node key is encrypted, pass --passphrase-file with the file holding its passphrase."
                : "";
            CliConsole.Fail(ExitCodes.BadInput, e.Message + hint);
            return null;
        }
    }
}
