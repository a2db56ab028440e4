using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aquila.Security.Keys;

/// <summary>
/// <see cref="INodeKey"/> over the private key loaded with the node's certificate (the PEM key file, encrypted at rest
/// when the node made it with a passphrase). The private scalar is exported only for the moment of a key agreement and
/// zeroed right after.
/// </summary>
public sealed class SoftwareNodeKey : INodeKey, IDisposable
{
    private readonly X509Certificate2 _certificate;
    private readonly ECDsa _publicKey;

    /// <summary>Uses <paramref name="certificate"/>'s private key (the certificate is not disposed by this object).</summary>
    /// <exception cref="ArgumentException">The certificate has no ECDSA key or was loaded without its private key.</exception>
    public SoftwareNodeKey(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The node certificate was loaded without its private key.", nameof(certificate));
        }

        _certificate = certificate;
        _publicKey = certificate.GetECDsaPublicKey() ?? throw new ArgumentException("The node certificate has no P-256 key.", nameof(certificate));
        KeyId = Pki.PublicKeyHash.Of(certificate);
    }

    /// <inheritdoc/>
    public ECDsa PublicKey => _publicKey;

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> KeyId { get; }

    /// <inheritdoc/>
    public byte[] SignData(ReadOnlySpan<byte> data)
    {
        using var key = _certificate.GetECDsaPrivateKey() ?? throw new CryptographicException("The node certificate has no ECDSA private key.");
        return key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <inheritdoc/>
    public byte[] DeriveRawSecretAgreement(ECDiffieHellmanPublicKey peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        using var own = _certificate.GetECDsaPrivateKey() ?? throw new CryptographicException("The node certificate has no ECDSA private key.");
        var parameters = own.ExportParameters(includePrivateParameters: true);
        try
        {
            using var agreement = ECDiffieHellman.Create(parameters);
            return agreement.DeriveRawSecretAgreement(peer);
        }
        finally
        {
            if (parameters.D is { } d)
            {
                CryptographicOperations.ZeroMemory(d);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _publicKey.Dispose();
}
