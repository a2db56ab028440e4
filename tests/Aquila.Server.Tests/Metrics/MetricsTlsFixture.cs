using Aquila.Security;

namespace Aquila.Server.Tests.Metrics;

/// <summary>The shared server with its metrics listener on mutual TLS (Server:Metrics:RequireClientCertificate), and an operator.</summary>
public sealed class MetricsTlsFixture : ServerFixture
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Identities["operator"] = Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Operator, "sre");
        Identities["coordinator"] = Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "coord");
        Options.Metrics.RequireClientCertificate = true;
        await RestartAsync();
    }
}
