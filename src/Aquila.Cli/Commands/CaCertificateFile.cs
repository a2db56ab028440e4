using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aquila.Cli.Commands;

/// <summary>Reads a certificate file given on the command line (PEM or DER), with a message an operator can act on.</summary>
internal static class CaCertificateFile
{
    /// <exception cref="CaCommandError">The file is missing or holds no certificate.</exception>
    public static X509Certificate2 Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CaCommandError(ExitCodes.BadInput, $"The certificate file '{path}' does not exist.");
        }

        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException)
        {
            throw new CaCommandError(ExitCodes.BadInput, $"The file '{path}' does not hold a certificate (PEM or DER).");
        }
    }
}
