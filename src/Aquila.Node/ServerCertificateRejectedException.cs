namespace Aquila.Node;

/// <summary>
/// This node refused the server's TLS certificate (not from the node's CA, not naming the dialled host, expired): a
/// configuration problem that a retry cannot fix. The message says which, and what to do.
/// </summary>
public sealed class ServerCertificateRejectedException : HttpRequestException
{
    public ServerCertificateRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The rejection somewhere in <paramref name="exception"/>'s causes (a gRPC status's debug exception included), or null.</summary>
    public static ServerCertificateRejectedException? Find(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            if (exception is ServerCertificateRejectedException rejected)
            {
                return rejected;
            }

            exception = exception is Grpc.Core.RpcException rpc && rpc.Status.DebugException is { } debug ? debug : exception.InnerException;
        }

        return null;
    }
}
