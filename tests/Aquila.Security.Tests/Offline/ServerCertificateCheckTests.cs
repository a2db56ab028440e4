using Aquila.Security.Offline;
using Aquila.Security.Pki;

namespace Aquila.Security.Tests.Offline;

/// <summary>A node accepts only its CA's server certificate as the signer of a hits file and as the recipient of an export.</summary>
public sealed class ServerCertificateCheckTests(OfflinePki pki) : IClassFixture<OfflinePki>
{
    [Fact]
    public void The_server_certificate_of_the_nodes_CA_is_accepted()
    {
        var result = ServerCertificateCheck.Validate(pki.Server, pki.Project.AuthorityCertificatePath);

        Assert.True(result.IsSuccess, result.Message);
    }

    [Theory]
    [InlineData(PartyRole.Operator)]
    [InlineData(PartyRole.Coordinator)]
    [InlineData(PartyRole.Node)]
    public void A_client_certificate_of_the_same_CA_is_not_a_server_certificate(PartyRole role)
    {
        var result = ServerCertificateCheck.Validate(pki.Holder("PCC", role), pki.Project.AuthorityCertificatePath);

        Assert.Equal(CertificateFailureKind.WrongUsage, result.Failure);
    }

    [Fact]
    public void A_server_certificate_of_another_CA_is_refused()
    {
        using var foreign = NodeCredentials.Load(pki.Foreign.Server.CertificatePath, pki.Foreign.Server.KeyPath);

        var result = ServerCertificateCheck.Validate(foreign, pki.Project.AuthorityCertificatePath);

        Assert.Equal(CertificateFailureKind.Untrusted, result.Failure);
    }
}
