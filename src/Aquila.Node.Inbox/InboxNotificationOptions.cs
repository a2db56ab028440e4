namespace Aquila.Node.Inbox;

/// <summary>
/// Where the inbox announces new hits besides the open page: a webhook (JSON POST) and/or e-mail. Both carry the project,
/// the counts per state, the new hits' ids and bands — never a record id or any personal data.
/// </summary>
public sealed record InboxNotificationOptions
{
    /// <summary>The webhook's URL (POSTed JSON); null: no webhook.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>The SMTP server and addresses; null: no e-mail.</summary>
    public SmtpNotificationOptions? Smtp { get; init; }

    /// <summary>How long to wait after an arrival so that hits released together make one message.</summary>
    public TimeSpan Gather { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts per message before it is given up (and logged).</summary>
    public int Attempts { get; init; } = 4;

    /// <summary>The wait before the second attempt; it doubles for each further one.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>True when any channel is configured.</summary>
    public bool Any => WebhookUrl is not null || Smtp is not null;
}
