using System.Diagnostics.CodeAnalysis;

namespace Aquila.Security.Pki;

/// <summary>The outcome of <see cref="ClientCertificateValidator.Validate"/>: an identity, or a failure kind and a message for the caller.</summary>
public sealed class CertificateValidationResult
{
    private CertificateValidationResult(PartyIdentity? identity, CertificateFailureKind failure, string message)
    {
        Identity = identity;
        Failure = failure;
        Message = message;
    }

    /// <summary>True when the certificate was accepted and <see cref="Identity"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Identity))]
    public bool IsSuccess => Identity is not null;

    /// <summary>Who the caller is; null on failure.</summary>
    public PartyIdentity? Identity { get; }

    /// <summary>Why the certificate was refused; <see cref="CertificateFailureKind.None"/> on success.</summary>
    public CertificateFailureKind Failure { get; }

    /// <summary>
    /// A message the caller can act on. It names the certificate by serial, fingerprint, party and role only, so it
    /// may be returned to the client and written to the audit log.
    /// </summary>
    public string Message { get; }

    /// <summary>An accepted certificate.</summary>
    public static CertificateValidationResult Success(PartyIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new CertificateValidationResult(identity, CertificateFailureKind.None, $"Certificate accepted: {identity}.");
    }

    /// <summary>A refused certificate.</summary>
    public static CertificateValidationResult Failed(CertificateFailureKind failure, string message)
    {
        if (failure == CertificateFailureKind.None)
        {
            throw new ArgumentException("A failure needs a failure kind.", nameof(failure));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new CertificateValidationResult(null, failure, message);
    }

    /// <inheritdoc/>
    public override string ToString() => IsSuccess ? Message : $"{Failure}: {Message}";
}
