namespace Aquila.Bench;

/// <summary>A load run could not set up what it needs (no redis-server to start, a local Redis Cluster that did not form).</summary>
public sealed class LoadSetupException : Exception
{
    /// <summary>Creates the exception with a message a user can act on.</summary>
    public LoadSetupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LoadSetupException()
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public LoadSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
