using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Aquila.Node.Inbox;

/// <summary>
/// Lets in only loopback callers that hold the run's token: once from the URL (then set as an HttpOnly, SameSite=Strict
/// cookie and taken out of the address by a redirect), afterwards from the cookie. Everything else gets 401.
/// </summary>
internal sealed class AccessGate(RequestDelegate next, AccessToken token, ILogger<AccessGate> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
        {
            return Refuse(context, StatusCodes.Status403Forbidden, "not loopback");
        }

        if (context.Request.Query.TryGetValue(AccessToken.QueryName, out var fromUrl))
        {
            if (!token.Matches(fromUrl.ToString()))
            {
                return Refuse(context, StatusCodes.Status401Unauthorized, "wrong token in the URL");
            }

            context.Response.Cookies.Append(AccessToken.CookieName, token.Value, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true,
            });
            context.Response.Redirect(context.Request.PathBase + context.Request.Path, permanent: false);
            return Task.CompletedTask;
        }

        return token.Matches(context.Request.Cookies[AccessToken.CookieName])
            ? next(context)
            : Refuse(context, StatusCodes.Status401Unauthorized, "no token");
    }

    private Task Refuse(HttpContext context, int status, string reason)
    {
        InboxLog.AccessRefused(logger, reason);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Open the inbox with the URL (and token) it printed when it started.\n", context.RequestAborted);
    }
}
