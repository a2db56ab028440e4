namespace Aquila.Tokens.Batches;

/// <summary>A batch file that is corrupt, truncated or not a batch file; the message names the file and the problem.</summary>
public sealed class BatchFormatException : Exception
{
    public BatchFormatException(string message) : base(message)
    {
    }

    public BatchFormatException(string message, Exception inner) : base(message, inner)
    {
    }

    public BatchFormatException()
    {
    }
}
