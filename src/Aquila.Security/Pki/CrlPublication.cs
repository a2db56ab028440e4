using System.Numerics;

namespace Aquila.Security.Pki;

/// <summary>A certificate revocation list just written by the CA.</summary>
/// <param name="Path">The CRL file (PEM) in the CA directory; copy it to the server's configured CRL path.</param>
/// <param name="Number">The CRL number, one higher than the previous CRL's.</param>
/// <param name="ThisUpdate">Issue time of the CRL.</param>
/// <param name="NextUpdate">Time by which a fresh CRL must be published; servers treat the CRL as stale afterwards.</param>
/// <param name="RevokedCount">How many serials it lists.</param>
public sealed record CrlPublication(
    string Path, BigInteger Number, DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate, int RevokedCount)
{
    /// <summary>
    /// Copies the CRL to <paramref name="destination"/> (e.g. the server's configured CRL path) by writing a
    /// temporary file next to it and renaming, so the server never reads a half-copied CRL.
    /// </summary>
    public void CopyTo(string destination) => SecureFiles.WriteAtomically(destination, File.ReadAllBytes(Path));
}
