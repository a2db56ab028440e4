namespace Aquila.Security.Ceremony;

/// <summary>Why a key ceremony failed at a participant. Every kind stops the ceremony: no project key is produced.</summary>
public enum CeremonyFailureKind
{
    /// <summary>A relayed message cannot be parsed (wrong type, version, length or field).</summary>
    MalformedMessage,

    /// <summary>A registration belongs to another project.</summary>
    WrongProject,

    /// <summary>A registration's certificate does not chain to the project CA, has expired, is revoked or cannot be read.</summary>
    UntrustedCertificate,

    /// <summary>A registration's certificate belongs to another party than the one registered, or is not a node certificate.</summary>
    WrongParty,

    /// <summary>A registration's signature does not verify with its certificate's key (its content was altered).</summary>
    BadSignature,

    /// <summary>A message names a party that is not in the invitation (a sock puppet, or a share claiming to come from oneself).</summary>
    UnexpectedParty,

    /// <summary>An invited party registered twice, or confirmed twice.</summary>
    DuplicateParty,

    /// <summary>An invited party has no registration in the roster.</summary>
    MissingParty,

    /// <summary>The roster does not carry this participant's own registration unchanged.</summary>
    SwappedKey,

    /// <summary>A registered ceremony public key cannot be used for X25519 (a low-order point).</summary>
    InvalidKey,

    /// <summary>A share or confirmation was made under another transcript: replayed from another ceremony, or its sender saw another roster.</summary>
    TranscriptMismatch,

    /// <summary>No share arrived from an invited party.</summary>
    MissingShare,

    /// <summary>A share does not decrypt: altered in transit, encrypted for another party, or not made by the claimed sender.</summary>
    BadShare,

    /// <summary>A second share arrived from the same sender.</summary>
    ReplayedShare,

    /// <summary>A share addressed to another party was delivered to this participant.</summary>
    MisaddressedShare,

    /// <summary>No confirmation arrived from an invited party.</summary>
    MissingConfirmation,

    /// <summary>A confirmation tag does not match: its sender holds a different project key.</summary>
    BadConfirmation,

    /// <summary>
    /// A registration's node certificate key is not the one agreed out of band for its party: the CA issued another
    /// certificate for that party (the operator, or whoever holds the CA key, standing in for it).
    /// </summary>
    UnpinnedKey,

    /// <summary>The certificate revocation list could not be obtained or verified, so no registration can be trusted.</summary>
    RevocationUnavailable,
}
