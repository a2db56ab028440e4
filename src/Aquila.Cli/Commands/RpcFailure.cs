using Grpc.Core;

namespace Aquila.Cli.Commands;

/// <summary>Turns a refused or failed call into one clear line and an exit code.</summary>
internal static class RpcFailure
{
    public static int Report(RpcException e)
    {
        var unreachable = e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded;
        var detail = string.IsNullOrEmpty(e.Status.Detail) ? e.StatusCode.ToString() : e.Status.Detail;
        return CliConsole.Fail(unreachable ? ExitCodes.Unreachable : ExitCodes.ServerRefused,
            unreachable ? $"the server cannot be reached ({detail})." : $"the server refused ({e.StatusCode}): {detail}");
    }
}
