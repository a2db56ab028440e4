using System.Globalization;
using System.Net;

namespace Aquila.Server.Hosting;

/// <summary>Parses <see cref="Options.MetricsOptions.Listen"/>: an IP address and a port, IPv6 in brackets.</summary>
internal static class MetricsEndPoint
{
    /// <exception cref="ServerStartRefusedException">The text is no "address:port" with an IP address.</exception>
    public static IPEndPoint Parse(string listen)
    {
        var text = listen.Trim();
        var colon = text.LastIndexOf(':');
        if (colon > 0
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            && IPAddress.TryParse(text[..colon].Trim('[', ']'), out var address))
        {
            return new IPEndPoint(address, port);
        }

        throw new ServerStartRefusedException(
            $"Server:Metrics:Listen is \"{listen}\"; use an IP address and a port such as 127.0.0.1:9464 or [::1]:9464, or \"off\".");
    }
}
