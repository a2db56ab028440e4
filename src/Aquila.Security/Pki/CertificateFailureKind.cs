namespace Aquila.Security.Pki;

/// <summary>Why a client certificate was refused. A host maps every kind to gRPC Unauthenticated.</summary>
public enum CertificateFailureKind
{
    /// <summary>Not a failure: the certificate was accepted.</summary>
    None,

    /// <summary>No certificate was presented.</summary>
    Missing,

    /// <summary>The certificate does not chain directly to a trusted Aquila root (self-signed, another CA, bad signature).</summary>
    Untrusted,

    /// <summary>The certificate's validity has ended (beyond the allowed clock skew).</summary>
    Expired,

    /// <summary>The certificate's validity has not started yet (beyond the allowed clock skew).</summary>
    NotYetValid,

    /// <summary>The certificate's serial is on the CA's current CRL.</summary>
    Revoked,

    /// <summary>Revocation could not be checked (CRL missing, stale, unreadable or badly signed): failing closed.</summary>
    RevocationUnknown,

    /// <summary>The subject does not carry a well-formed party code and role.</summary>
    BadSubject,

    /// <summary>The certificate's key is not ECDSA P-256.</summary>
    WrongKeyType,

    /// <summary>The certificate is not meant for client authentication (no clientAuth usage, or it is a CA certificate).</summary>
    WrongUsage,
}
