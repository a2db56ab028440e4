namespace Aquila.Node.Inbox;

/// <summary>The SMTP server the inbox sends its notifications through (MailKit).</summary>
/// <param name="Host">The SMTP server.</param>
/// <param name="Port">Its port (25, 587 with STARTTLS, 465 with TLS).</param>
/// <param name="From">The sender address.</param>
/// <param name="To">The recipients (the analysts' team address).</param>
public sealed record SmtpNotificationOptions(string Host, int Port, string From, IReadOnlyList<string> To)
{
    /// <summary>
    /// <c>starttls</c> (the default: STARTTLS when the server offers it), <c>require-starttls</c>, <c>tls</c> (TLS from the
    /// first byte, port 465) or <c>none</c>.
    /// </summary>
    public string Security { get; init; } = "starttls";

    /// <summary>The user name to authenticate with; null: no authentication.</summary>
    public string? UserName { get; init; }

    /// <summary>A file holding the password (first line), so it is not on the command line.</summary>
    public string? PasswordFile { get; init; }
}
