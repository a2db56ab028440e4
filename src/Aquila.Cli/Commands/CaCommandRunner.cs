using Aquila.Security.Pki;

namespace Aquila.Cli.Commands;

/// <summary>Runs the body of a PKI command and turns its expected failures into one <c>error:</c> line and an exit code.</summary>
internal static class CaCommandRunner
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CaCommandError e)
        {
            return CliConsole.Fail(e.ExitCode, e.Message);
        }
        catch (CertificateAuthorityException e)
        {
            return CliConsole.Fail(ExitCodes.PkiRefused, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The runtime's messages name the file and the reason (missing, permission denied, disk full).
            return CliConsole.Fail(ExitCodes.BadInput, e.Message);
        }
    }
}
