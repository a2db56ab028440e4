using System.Numerics;

namespace Aquila.Security.Pki;

/// <summary>A certificate revocation list just written by the CA.</summary>
/// <param name="Path">The CRL file (PEM) in the CA directory; copy it to the server's configured CRL path.</param>
/// <param name="Number">The CRL number, one higher than the previous CRL's.</param>
/// <param name="ThisUpdate">Issue time of the CRL.</param>
/// <param name="NextUpdate">Time by which a fresh CRL must be published; servers treat the CRL as stale afterwards.</param>
/// <param name="RevokedCount">How many serials it lists.</param>
public sealed record CrlPublication(string Path, BigInteger Number, DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate, int RevokedCount);
