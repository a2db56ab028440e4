using Aquila.Node;
using Grpc.Core;

namespace Aquila.Cli.Commands;

/// <summary>Turns a refused or failed call into one clear line and an exit code.</summary>
internal static class RpcFailure
{
    public static int Report(RpcException e)
    {
        if (ServerCertificateRejectedException.Find(e) is { } rejected)
        {
            return CliConsole.Fail(ExitCodes.Unreachable, $"the server cannot be trusted, so nothing was sent: {rejected.Message}");
        }

        var unreachable = e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded;
        var detail = string.IsNullOrEmpty(e.Status.Detail) ? e.StatusCode.ToString() : e.Status.Detail;
        return CliConsole.Fail(unreachable ? ExitCodes.Unreachable : ExitCodes.ServerRefused,
            unreachable ? $"the server cannot be reached ({detail})." : $"the server refused ({e.StatusCode}): {detail}");
    }
}
