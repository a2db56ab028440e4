namespace Aquila.Security.Ceremony;

/// <summary>
/// The key ceremony failed at this participant. The message names the party concerned and what to do; it never holds
/// key material, shares or tags, so it may be logged and shown to the operator.
/// </summary>
public sealed class CeremonyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CeremonyException(CeremonyFailureKind kind, string? party, string message)
        : base(message)
    {
        Kind = kind;
        Party = party;
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public CeremonyException(CeremonyFailureKind kind, string? party, string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = kind;
        Party = party;
    }

    /// <summary>What went wrong.</summary>
    public CeremonyFailureKind Kind { get; }

    /// <summary>The party whose message failed, or null when no single party is concerned.</summary>
    public string? Party { get; }
}
