namespace Aquila.Node.Inbox;

/// <summary>A way to tell analysts about new hits (webhook, e-mail).</summary>
internal interface INotificationChannel
{
    /// <summary>The channel's name in logs ("webhook", "e-mail").</summary>
    string Name { get; }

    /// <summary>Delivers one notice.</summary>
    /// <exception cref="NotificationFailedException">Not delivered this time (the notifier tries again).</exception>
    Task SendAsync(NewHitsNotice notice, CancellationToken cancellationToken);
}

/// <summary>A notice was not delivered; the message names the cause without any content of the notice.</summary>
internal sealed class NotificationFailedException(string message, Exception? inner = null) : Exception(message, inner);
