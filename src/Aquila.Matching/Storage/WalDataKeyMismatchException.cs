using System.Security.Cryptography;

namespace Aquila.Matching.Storage;

/// <summary>The data key given to open the log is not the key the log was written with (or the project was purged).</summary>
public sealed class WalDataKeyMismatchException : CryptographicException
{
    /// <summary>Creates the exception for the file whose key check value did not match.</summary>
    public WalDataKeyMismatchException(string fileName)
        : base($"The data key does not match this log: file '{fileName}' was written with a different data key. "
            + "Use the project's data key; if the key was destroyed (project purged), the log cannot be read.")
    {
        FileName = fileName;
    }

    /// <summary>The file whose key check value did not match.</summary>
    public string FileName { get; }
}
