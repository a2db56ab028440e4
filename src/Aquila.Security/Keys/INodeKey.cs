using System.Security.Cryptography;

namespace Aquila.Security.Keys;

/// <summary>
/// The node's P-256 private key as the project key file uses it: to sign (the file's sender authentication) and to
/// agree keys (unwrapping K_project). Only these two operations are needed, and both exist inside a PKCS#11 token or
/// HSM (CKM_ECDSA, CKM_ECDH1_DERIVE), so an implementation that keeps the key in hardware can stand in for
/// <see cref="SoftwareNodeKey"/> without the key ever being exported.
/// </summary>
public interface INodeKey
{
    /// <summary>The public key (for verifying this key's signatures and wrapping to it).</summary>
    ECDsa PublicKey { get; }

    /// <summary>SHA-256 of the public key's SubjectPublicKeyInfo (<see cref="Pki.PublicKeyHash"/>).</summary>
    ReadOnlyMemory<byte> KeyId { get; }

    /// <summary>ECDSA P-256 with SHA-256 over <paramref name="data"/>, IEEE P1363 (r ‖ s, 64 bytes).</summary>
    byte[] SignData(ReadOnlySpan<byte> data);

    /// <summary>The raw ECDH shared secret (the x-coordinate, 32 bytes) with <paramref name="peer"/>; the caller zeroes it.</summary>
    byte[] DeriveRawSecretAgreement(ECDiffieHellmanPublicKey peer);
}
