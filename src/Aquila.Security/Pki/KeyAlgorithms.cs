using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aquila.Security.Pki;

/// <summary>The one key type of the Aquila PKI: ECDSA on NIST P-256 (.NET cannot load Ed25519 certificates).</summary>
internal static class KeyAlgorithms
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    // DER of the named-curve OID 1.2.840.10045.3.1.7 (secp256r1 / NIST P-256).
    private static ReadOnlySpan<byte> P256CurveParameters => [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];

    /// <summary>True when the key is an EC public key on the named curve P-256 (explicit curve parameters are refused).</summary>
    public static bool IsP256(PublicKey publicKey) =>
        publicKey.Oid.Value == EcPublicKeyOid && publicKey.EncodedParameters is not null
        && publicKey.EncodedParameters.RawData.AsSpan().SequenceEqual(P256CurveParameters);

    /// <summary>Names the key type for messages: "ECDSA P-256", "RSA", "EC (other curve)" ...</summary>
    public static string Describe(PublicKey publicKey) => publicKey.Oid.Value switch
    {
        EcPublicKeyOid when IsP256(publicKey) => "ECDSA P-256",
        EcPublicKeyOid => "EC on another curve",
        "1.2.840.113549.1.1.1" => "RSA",
        _ => $"algorithm {publicKey.Oid.Value}",
    };

    /// <summary>True when the key pair is on the named curve P-256.</summary>
    public static bool IsP256(ECDsa key)
    {
        var curve = key.ExportParameters(false).Curve;
        return key.KeySize == 256
            && curve.IsNamed
            && (curve.Oid.Value == "1.2.840.10045.3.1.7" || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "secp256r1");
    }

    /// <summary>Creates a new P-256 key pair.</summary>
    public static ECDsa CreateP256() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>Exports a private key as PKCS#8 PEM, encrypted (PBKDF2-SHA256 + AES-256-CBC) when a passphrase is given.</summary>
    public static string ExportPrivateKeyPem(ECDsa key, string? passphrase, int iterations)
    {
        if (passphrase is null)
        {
            return key.ExportPkcs8PrivateKeyPem();
        }

        var parameters = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, iterations);
        return key.ExportEncryptedPkcs8PrivateKeyPem(passphrase.AsSpan(), parameters);
    }

    /// <summary>Loads a P-256 private key from a PEM file, decrypting it when it is encrypted.</summary>
    /// <exception cref="CertificateAuthorityException">The file is missing, encrypted without a passphrase, or not a P-256 key.</exception>
    public static ECDsa ImportPrivateKeyPem(string path, string? passphrase)
    {
        if (!File.Exists(path))
        {
            throw new CertificateAuthorityException($"The private key file '{path}' does not exist.");
        }

        var pem = File.ReadAllText(path);
        var encrypted = pem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
        if (encrypted && passphrase is null)
        {
            throw new CertificateAuthorityException($"The private key file '{path}' is encrypted: a passphrase is required.");
        }

        var key = ECDsa.Create();
        try
        {
            if (encrypted)
            {
                key.ImportFromEncryptedPem(pem, passphrase);
            }
            else
            {
                key.ImportFromPem(pem);
            }

            if (!IsP256(key))
            {
                throw new CertificateAuthorityException($"The private key in '{path}' is not an ECDSA P-256 key.");
            }

            return key;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new CertificateAuthorityException(
                encrypted
                    ? $"Could not decrypt the private key file '{path}': wrong passphrase or damaged file."
                    : $"The file '{path}' does not contain a readable EC private key.",
                ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
