namespace Aquila.Security.Offline;

/// <summary>
/// A sealed file was refused. The message says what is wrong and what to do; it names ids, sizes and party codes
/// only, never content, so it may be logged, audited and shown to the operator.
/// </summary>
public sealed class SealedFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SealedFileException(SealedFileProblem problem, string message)
        : base(message)
    {
        Problem = problem;
    }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public SealedFileException(SealedFileProblem problem, string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = problem;
    }

    /// <summary>What is wrong.</summary>
    public SealedFileProblem Problem { get; }
}
