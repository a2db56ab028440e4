using System.Security.Cryptography.X509Certificates;

namespace Aquila.Server.Tests.Offline;

/// <summary>The server fixture with one coordinated project already Open, and the server's certificate as nodes get it.</summary>
public sealed class OfflineServerFixture : ServerFixture
{
    internal OfflineProject Open { get; private set; } = null!;

    public X509Certificate2 ServerCertificate { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        ServerCertificate = X509CertificateLoader.LoadCertificateFromFile(Pki.Server.CertificatePath);
        Open = await OfflineProject.OpenAsync(this, Server.Address, "refuse-" + Guid.NewGuid().ToString("N")[..8],
            TestContext.Current.CancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        Open?.Dispose();
        ServerCertificate?.Dispose();
        await base.DisposeAsync();
    }
}
