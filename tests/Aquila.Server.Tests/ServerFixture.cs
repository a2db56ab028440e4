using System.Security.Cryptography.X509Certificates;
using Aquila.Bench;
using Aquila.Node;
using Aquila.Security;
using Aquila.Security.Pki;
using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Aquila.Tokens.Derivation;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Tests;

/// <summary>
/// A real Aquila server on a free loopback port with real certificates: project "p1" with parties RS, BA and ME,
/// and certificate directories for honest nodes and for every kind of bad caller.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    public const string Project = "p1";

    private readonly TempDirectory _root = new();

    public CapturedLogs Logs { get; } = new();

    public LocalPki Pki { get; private set; } = null!;

    public AquilaServer Server { get; private set; } = null!;

    public ServerOptions Options { get; private set; } = null!;

    /// <summary>The project key every party's node uses (the key ceremony is a later issue).</summary>
    public ProjectKey Key { get; } = ProjectKey.Generate();

    public string WorkDirectory => _root.File("work");

    /// <summary>Where the server keeps its data; a fixture may put it on a file system of its own.</summary>
    protected virtual string DataDirectoryPath => _root.File("data");

    public Dictionary<string, string> Identities { get; } = [];

    public virtual async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        Pki = LocalPki.Create(_root.File("pki"));
        foreach (var party in new[] { "RS", "BA", "ME", "AL" })
        {
            Identities[party] = Pki.IssueIdentity(party, PartyRole.Node);
        }

        Identities["RS-analyst"] = Pki.IssueIdentity("RS", PartyRole.Analyst);
        Identities["RS-revoked"] = Pki.IssueIdentity("RS", PartyRole.Node, "revoked");
        Identities["RS-expired"] = Pki.IssueIdentity("RS", PartyRole.Node, "expired", new CertificateIssueOptions
        {
            NotBefore = DateTimeOffset.UtcNow.AddDays(-30),
            NotAfter = DateTimeOffset.UtcNow.AddDays(-1),
        });
        var revoked = Directory.GetFiles(Identities["RS-revoked"], "*.crt.pem").Single(f => Path.GetFileName(f) != "ca.crt.pem");
        using (var certificate = X509CertificateLoader.LoadCertificateFromFile(revoked))
        {
            Pki.Authority.Revoke(certificate);
        }

        using (var otherPki = LocalPki.Create(_root.File("other-pki")))
        {
            Identities["RS-other-ca"] = otherPki.IssueIdentity("RS", PartyRole.Node);
            File.Copy(Pki.AuthorityCertificatePath, Path.Combine(Identities["RS-other-ca"], "ca.crt.pem"), overwrite: true);
        }

        Options = LocalServerOptions.For(Pki, DataDirectoryPath, _root.File("server-keys"));
        Options.MaxBatchBytes = 1 << 20;
        Options.Projects = [new ProjectOptions { Id = Project, Parties = ["RS", "BA", "ME"] }];
        await StartAsync();
    }

    public async Task StartAsync() =>
        Server = await AquilaServer.StartAsync(Options, logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug),
            TestContext.Current.CancellationToken);

    public async Task RestartAsync()
    {
        await Server.DisposeAsync();
        await StartAsync();
    }

    /// <summary>A gRPC client authenticated as one of <see cref="Identities"/>.</summary>
    public (GrpcChannel Channel, Protocol.V1.Matching.MatchingClient Client) Connect(string identity)
    {
        var node = NodeIdentity.Load(Identities[identity]);
        var channel = AquilaChannel.Create(Server.Address, node);
        return (channel, new Protocol.V1.Matching.MatchingClient(channel));
    }

    /// <summary>A channel that trusts the server but presents any certificate, or none: for playing the attacker.</summary>
    public GrpcChannel ConnectRaw(X509Certificate2? clientCertificate)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(Pki.AuthorityCertificatePath);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build((X509Certificate2)certificate!);
                },
            },
        };
        return GrpcChannel.ForAddress(Server.Address, new GrpcChannelOptions { HttpHandler = handler });
    }

    public string Tokenize(string party, params string[] rows) => TestRecords.Tokenize(WorkDirectory, party, Project, Key, rows);

    public virtual async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Pki?.Dispose();
        Key.Dispose();
        _root.Dispose();
        GC.SuppressFinalize(this);
    }
}
