using System.Globalization;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Aquila.Node.Inbox;

/// <summary>Sends each notice as a plain-text e-mail through an SMTP server (MailKit), one connection per message.</summary>
internal sealed class EmailChannel(SmtpNotificationOptions options) : INotificationChannel
{
    public string Name => "e-mail";

    public async Task SendAsync(NewHitsNotice notice, CancellationToken cancellationToken)
    {
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        foreach (var to in options.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = notice.Summary;
        message.Body = new TextPart("plain") { Text = Body(notice) };
        using var client = new SmtpClient { Timeout = 10_000 };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, Security(options.Security), cancellationToken);
            if (options.UserName is { } user)
            {
                var password = options.PasswordFile is { } file ? File.ReadLines(file).FirstOrDefault() ?? "" : "";
                await client.AuthenticateAsync(user, password, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or CommandException or AuthenticationException
            or SslHandshakeException or TimeoutException)
        {
            throw new NotificationFailedException($"the SMTP server {options.Host}:{options.Port} did not take the message: {e.GetType().Name}", e);
        }
    }

    /// <summary>The text: counts and hit ids with bands, and where to look — nothing personal.</summary>
    internal static string Body(NewHitsNotice notice)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{notice.Hits.Count} new hit(s) for party {notice.Party} in project {notice.Project}:\n\n");
        foreach (var hit in notice.Hits)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {hit.HitId}  {hit.Band}\n");
        }

        text.Append("\nHits in the project by state: ");
        text.AppendJoin(", ", notice.Counts.Select(c => $"{HitState.Display(c.Key)} {c.Value}"));
        text.Append("\n\nOpen the Aquila inbox to review them. This message holds no personal data.\n");
        return text.ToString();
    }

    private static SecureSocketOptions Security(string security) => security switch
    {
        "none" => SecureSocketOptions.None,
        "require-starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
