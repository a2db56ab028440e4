using Aquila.Security;
using Grpc.Core;

namespace Aquila.Server.Authentication;

/// <summary>The authenticated caller of a gRPC call, set by <see cref="CertificateAuthenticationInterceptor"/>.</summary>
internal static class CallerContext
{
    private static readonly object IdentityKey = new();

    public static void Set(ServerCallContext context, PartyIdentity identity) =>
        context.GetHttpContext().Items[IdentityKey] = identity;

    /// <summary>Whether the call got as far as authentication and passed it.</summary>
    public static bool IsSet(Microsoft.AspNetCore.Http.HttpContext context) => context.Items.ContainsKey(IdentityKey);

    /// <summary>The caller; derived from its certificate, never from a request field.</summary>
    public static PartyIdentity Caller(this ServerCallContext context) =>
        context.GetHttpContext().Items[IdentityKey] as PartyIdentity
        ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "No authenticated caller."));
}
