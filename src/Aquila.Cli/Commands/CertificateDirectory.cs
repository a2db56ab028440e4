using Aquila.Node;

namespace Aquila.Cli.Commands;

/// <summary>Loads the credentials of a --cert directory, turning what can go wrong into one error line.</summary>
internal static class CertificateDirectory
{
    /// <summary>The identity, or null after printing why it cannot be loaded.</summary>
    public static NodeIdentity? TryLoad(DirectoryInfo directory)
    {
        try
        {
            return NodeIdentity.Load(directory.FullName);
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException)
        {
            CliConsole.Fail(ExitCodes.BadInput, e.Message);
            return null;
        }
    }
}
