namespace Aquila.Node.Lists;

/// <summary>The node does not have the schema a list pins, or was given another one; the message says which.</summary>
public sealed class ListSchemaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ListSchemaException()
    {
    }

    /// <summary>Creates the exception with a message a user can act on.</summary>
    public ListSchemaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ListSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
