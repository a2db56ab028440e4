using System.Numerics;

namespace Aquila.Security.Pki;

/// <summary>
/// One verified CRL as loaded from disk, or the reason it could not be used. Immutable, so validations on several
/// threads can share it while a reload replaces it.
/// </summary>
internal sealed class RevocationListSnapshot
{
    private int _staleLogged;

    private RevocationListSnapshot(
        string? error, string issuerFingerprint, HashSet<string> revokedSerials, DateTimeOffset thisUpdate,
        DateTimeOffset nextUpdate, BigInteger number)
    {
        Error = error;
        IssuerFingerprint = issuerFingerprint;
        RevokedSerials = revokedSerials;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        Number = number;
    }

    /// <summary>Why the file cannot be used; null for a verified CRL.</summary>
    public string? Error { get; }

    /// <summary>SHA-256 fingerprint of the trusted root that signed the CRL.</summary>
    public string IssuerFingerprint { get; }

    /// <summary>Revoked serials, normalised upper-case hex.</summary>
    public HashSet<string> RevokedSerials { get; }

    public DateTimeOffset ThisUpdate { get; }

    public DateTimeOffset NextUpdate { get; }

    /// <summary>The CRL number (-1 when the CRL has none).</summary>
    public BigInteger Number { get; }

    public static RevocationListSnapshot Verified(
        string issuerFingerprint, HashSet<string> revokedSerials, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate,
        BigInteger number) =>
        new(null, issuerFingerprint, revokedSerials, thisUpdate, nextUpdate, number);

    public static RevocationListSnapshot Unusable(string error, bool rolledBack = false) =>
        new(error, "", [], DateTimeOffset.MinValue, DateTimeOffset.MinValue, BigInteger.MinusOne) { RolledBack = rolledBack };

    /// <summary>True when the file is unusable because its CRL number is lower than one already used.</summary>
    public bool RolledBack { get; private init; }

    /// <summary>True the first time it is called, so a stale CRL is logged once rather than on every validation.</summary>
    public bool FirstStaleNotice() => Interlocked.Exchange(ref _staleLogged, 1) == 0;
}
