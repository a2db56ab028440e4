namespace Aquila.Coordination.Audit;

/// <summary>
/// The audit chain cannot be used: its database is damaged, of an unknown schema, or an append could not be committed.
/// Messages name files, sequence numbers and columns, never entry content.
/// </summary>
public sealed class AuditChainException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuditChainException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AuditChainException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public AuditChainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
