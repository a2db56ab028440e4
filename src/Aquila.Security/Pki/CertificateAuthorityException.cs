namespace Aquila.Security.Pki;

/// <summary>
/// A PKI operation was refused or could not be done (bad CSR, unknown serial, wrong passphrase, missing CA files).
/// The message says what to do; it names certificates only by serial, party and role.
/// </summary>
public sealed class CertificateAuthorityException : Exception
{
    /// <summary>Creates an exception with a message for the operator.</summary>
    public CertificateAuthorityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message for the operator and the underlying cause.</summary>
    public CertificateAuthorityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception without a specific message.</summary>
    public CertificateAuthorityException()
    {
    }
}
