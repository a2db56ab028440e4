using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Aquila.Node.Inbox;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>--webhook URL</c> and <c>--smtp HOST:PORT --mail-from A --mail-to A... [--smtp-security S] [--smtp-user U
/// --smtp-password-file F]</c> of <c>node inbox</c>: where new hits are announced (ids, bands and counts only).
/// </summary>
internal sealed class NodeInboxNotifyOptions
{
    private readonly Option<string?> _webhook = new("--webhook") { Description = "POST a JSON notice (project, counts, hit ids and bands) here on new hits." };
    private readonly Option<string?> _smtp = new("--smtp") { Description = "Send an e-mail notice on new hits through this SMTP server (host:port)." };
    private readonly Option<string?> _from = new("--mail-from") { Description = "The e-mail notices' sender address." };
    private readonly Option<string[]> _to = new("--mail-to") { Description = "A recipient of the e-mail notices (repeat for more)." };

    private readonly Option<string> _security = new("--smtp-security")
    {
        Description = "starttls (when offered; default), require-starttls, tls or none.",
        DefaultValueFactory = _ => "starttls",
    };

    private readonly Option<string?> _user = new("--smtp-user") { Description = "The SMTP user name (with --smtp-password-file)." };
    private readonly Option<FileInfo?> _password = new("--smtp-password-file") { Description = "A file whose first line is the SMTP password." };

    public static NodeInboxNotifyOptions Create()
    {
        var options = new NodeInboxNotifyOptions();
        options._security.AcceptOnlyFromAmong("starttls", "require-starttls", "tls", "none");
        return options;
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _webhook, _smtp, _from, _to, _security, _user, _password })
        {
            command.Options.Add(option);
        }
    }

    public bool TryRead(ParseResult parse, out InboxNotificationOptions notifications, [NotNullWhen(false)] out string? error)
    {
        notifications = new InboxNotificationOptions();
        error = null;
        if (parse.GetValue(_webhook) is { } webhook)
        {
            if (!Uri.TryCreate(webhook, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            {
                error = "--webhook must be an http(s) URL.";
                return false;
            }

            notifications = notifications with { WebhookUrl = url };
        }

        if (parse.GetValue(_smtp) is not { } smtp)
        {
            return true;
        }

        var to = parse.GetValue(_to) ?? [];
        var colon = smtp.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(smtp[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is 0 or > 65535)
        {
            error = $"--smtp must be host:port, not '{smtp}'.";
            return false;
        }

        if (parse.GetValue(_from) is not { Length: > 0 } from || to.Length == 0)
        {
            error = "--smtp needs --mail-from and at least one --mail-to.";
            return false;
        }

        notifications = notifications with
        {
            Smtp = new SmtpNotificationOptions(smtp[..colon], port, from, to)
            {
                Security = parse.GetValue(_security)!, UserName = parse.GetValue(_user), PasswordFile = parse.GetValue(_password)?.FullName,
            },
        };
        return true;
    }
}
