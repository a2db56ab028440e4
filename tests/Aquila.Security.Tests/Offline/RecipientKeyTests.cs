using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Offline;

namespace Aquila.Security.Tests.Offline;

public sealed class RecipientKeyTests : IDisposable
{
    private readonly OfflinePki _pki = new();

    [Fact]
    public void The_node_key_is_opened_for_key_agreement_without_exporting_its_private_scalar()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the shared key handle is the OpenSSL path");
        var node = _pki.Holder("RS");

        using var own = RecipientKey.PrivateOf(node);

        // The ECDH key shares the certificate key's OpenSSL handle: nothing was exported into a managed array.
        Assert.IsType<ECDiffieHellmanOpenSsl>(own);
    }

    [Fact]
    public void The_private_key_agrees_with_the_certificates_public_key()
    {
        var node = _pki.Holder("RS");
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var own = RecipientKey.PrivateOf(node);
        using var publicKey = RecipientKey.PublicOf(node);

        var fromNode = own.DeriveRawSecretAgreement(ephemeral.PublicKey);
        var fromSender = ephemeral.DeriveRawSecretAgreement(publicKey.PublicKey);

        Assert.Equal(fromSender, fromNode);
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused_with_a_clear_message()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(_pki.Holder("RS").RawData);

        var error = Assert.Throws<ArgumentException>(() => RecipientKey.PrivateOf(publicOnly));

        Assert.Contains("without its private key", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _pki.Dispose();
}
