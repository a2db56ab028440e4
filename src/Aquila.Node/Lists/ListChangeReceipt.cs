namespace Aquila.Node.Lists;

/// <summary>The server's receipt for a list change, as the contributor's node shows it.</summary>
public sealed record ListChangeReceipt
{
    public required string ProjectId { get; init; }

    /// <summary>Entries new on the list.</summary>
    public required int Added { get; init; }

    /// <summary>Entries the contributor held already, confirmed again (tokens, category and review date as sent).</summary>
    public int Reconfirmed { get; init; }

    public required int Removed { get; init; }

    /// <summary>The contributor's entries now.</summary>
    public required int Entries { get; init; }

    /// <summary>Duplicate notifications the change gave (read them with <see cref="ListNotifications"/>).</summary>
    public required int DuplicateEvents { get; init; }

    /// <summary>The audit entry that recorded the change.</summary>
    public required long AuditSequence { get; init; }
}
