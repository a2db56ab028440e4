namespace Aquila.Server.Hosting;

/// <summary>
/// The server refuses to start because what it found would weaken a guarantee: a configuration-declared project that
/// would shadow a coordinated one, or a CRL older than one it has already used. The message names what and says what
/// to do; nothing was served.
/// </summary>
public sealed class ServerStartRefusedException : Exception
{
    /// <summary>Creates the exception with a message for the operator.</summary>
    public ServerStartRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the operator and the cause.</summary>
    public ServerStartRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception (for serializers and analyzers).</summary>
    public ServerStartRefusedException()
    {
    }
}
