namespace Aquila.Coordination.Projects;

/// <summary>The project database cannot be used: not a database, an unknown schema, a damaged row.</summary>
public sealed class ProjectStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProjectStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProjectStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ProjectStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
