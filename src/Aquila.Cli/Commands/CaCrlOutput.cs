using Aquila.Security.Pki;

namespace Aquila.Cli.Commands;

/// <summary>The <c>--crl-out</c> option of the commands that publish a CRL: where the server reads its CRL.</summary>
internal static class CaCrlOutput
{
    public const string Description =
        "Also copy the new CRL to this path (e.g. the server's configured CRL file), atomically: the server never reads a half-copied file.";

    /// <summary>Checks before anything is published that the copy can be made.</summary>
    public static string? Check(FileInfo? file)
    {
        if (file is null)
        {
            return null;
        }

        if (Directory.Exists(file.FullName))
        {
            throw new CaCommandError(ExitCodes.BadInput, $"--crl-out '{file.FullName}' is a directory; give the CRL file's path.");
        }

        if (file.Directory is { Exists: false } directory)
        {
            throw new CaCommandError(ExitCodes.BadInput, $"The directory of --crl-out '{directory.FullName}' does not exist.");
        }

        return file.FullName;
    }

    /// <summary>Copies a published CRL; a failure says that the CA side is done and what to copy by hand.</summary>
    public static void CopyTo(CrlPublication publication, string? destination)
    {
        if (destination is null)
        {
            return;
        }

        try
        {
            publication.CopyTo(destination);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CaCommandError(ExitCodes.BadInput,
                $"The CRL was published in the CA directory, but copying it to '{destination}' failed ({e.Message}); copy '{publication.Path}' there by hand.");
        }
    }
}
