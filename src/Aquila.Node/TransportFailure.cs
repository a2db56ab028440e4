using System.Net.Sockets;
using System.Security.Authentication;
using Grpc.Core;

namespace Aquila.Node;

/// <summary>
/// Which failures of a call are worth a retry: the connection dropped or could not be made (the server restarting, a
/// proxy or network cutting it mid-upload), whether gRPC reports it as a status or the HTTP/2 stream throws it
/// directly. A refused server certificate is not: it fails the same way every time.
/// </summary>
public static class TransportFailure
{
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (ServerCertificateRejectedException.Find(exception) is not null || HasCause<AuthenticationException>(exception))
        {
            return false;
        }

        return exception switch
        {
            RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted
                or StatusCode.Internal or StatusCode.Unknown,
            IOException or HttpRequestException or SocketException => true,
            _ => false,
        };
    }

    /// <summary>
    /// A transport failure as the gRPC status a caller reports: Unavailable with what happened, so a connection that
    /// kept dropping ends as "cannot be reached" instead of an internal error.
    /// </summary>
    public static RpcException AsUnavailable(Exception exception, int attempts)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception as RpcException ?? new RpcException(new Status(StatusCode.Unavailable,
            $"the connection failed on each of {attempts} attempt(s), the last time with {exception.GetType().Name}: {exception.Message}",
            exception));
    }

    private static bool HasCause<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e is RpcException rpc && rpc.Status.DebugException is { } debug ? debug : e.InnerException)
        {
            if (e is T)
            {
                return true;
            }
        }

        return false;
    }
}
