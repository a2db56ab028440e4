using System.CommandLine;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila ca ...</c>: the operator's offline certificate authority.</summary>
internal static class CaCommand
{
    public static Command Create() => new(
        "ca",
        "The operator's certificate authority (run offline, never on the server): create it, sign node CSRs, "
        + "issue the server certificate, revoke, publish CRLs, list what was issued.")
    {
        CaInitCommand.Create(),
        CaSignCommand.Create(),
        CaServerCertCommand.Create(),
        CaRevokeCommand.Create(),
        CaCrlCommand.Create(),
        CaListCommand.Create(),
    };
}
