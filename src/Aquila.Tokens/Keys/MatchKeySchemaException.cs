namespace Aquila.Tokens.Keys;

/// <summary>A match-key schema file that cannot be used, with the reason.</summary>
public sealed class MatchKeySchemaException : Exception
{
    public MatchKeySchemaException(string message) : base(message)
    {
    }

    public MatchKeySchemaException(string message, Exception inner) : base(message, inner)
    {
    }

    public MatchKeySchemaException()
    {
    }
}
