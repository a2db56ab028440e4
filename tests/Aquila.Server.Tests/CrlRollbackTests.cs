using System.Security.Cryptography.X509Certificates;
using Aquila.Bench;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Security.Pki;
using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Tests;

/// <summary>
/// Issue 17, item 5: "never go backwards" on CRL numbers was kept in memory only, so restoring the TLS folder from a
/// backup (an older CRL) and restarting re-admitted a revoked node. The highest CRL number used is now kept in the data
/// directory and an older CRL stops the server at start.
/// </summary>
[Collection(nameof(ServerCollection))]
public class CrlRollbackTests
{
    private const string Project = "crl1";
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restart_with_an_older_crl_put_back_is_refused_and_the_revoked_node_stays_out()
    {
        using var root = new TempDirectory();
        using var pki = LocalPki.Create(root.File("pki"));
        var victim = pki.IssueIdentity("RS", PartyRole.Node, "victim");
        var honest = pki.IssueIdentity("BA", PartyRole.Node);
        var backup = root.File("crl-backup.pem");
        File.Copy(pki.CrlPath, backup);
        var options = LocalServerOptions.For(pki, root.File("data"), root.File("server-keys"));
        options.Projects = [new ProjectOptions { Id = Project, Parties = ["RS", "BA"] }];

        await using (var server = await StartAsync(options))
        {
            Assert.Equal(Project, (await GetProjectAsync(server, victim)).ProjectId);
            Revoke(pki, victim);
            var revoked = await Assert.ThrowsAsync<RpcException>(() => GetProjectAsync(server, victim));
            Assert.Equal(StatusCode.Unauthenticated, revoked.StatusCode);
        }

        // The TLS folder restored from a backup taken before the revocation.
        File.Copy(backup, pki.CrlPath, overwrite: true);
        File.SetLastWriteTimeUtc(pki.CrlPath, DateTime.UtcNow);
        var refused = await Assert.ThrowsAsync<ServerStartRefusedException>(() => StartAsync(options));

        Assert.Contains(pki.CrlPath, refused.Message, StringComparison.Ordinal);
        Assert.Contains("older than one this server already used", refused.Message, StringComparison.Ordinal);
        Assert.Contains("aquila ca crl", refused.Message, StringComparison.Ordinal);

        // With the current CRL back in place the server starts, and the revoked node is still refused.
        pki.Authority.PublishCrl();
        await using (var server = await StartAsync(options))
        {
            var stillRevoked = await Assert.ThrowsAsync<RpcException>(() => GetProjectAsync(server, victim));
            Assert.Equal(StatusCode.Unauthenticated, stillRevoked.StatusCode);
            Assert.Equal(Project, (await GetProjectAsync(server, honest)).ProjectId);
        }
    }

    private static Task<AquilaServer> StartAsync(ServerOptions options) =>
        AquilaServer.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Warning), Cancel);

    private static async Task<ProjectInfo> GetProjectAsync(AquilaServer server, string identityDirectory)
    {
        using var identity = NodeIdentity.Load(identityDirectory);
        using var channel = AquilaChannel.Create(server.Address, identity);
        return await new Protocol.V1.Matching.MatchingClient(channel).GetProjectAsync(new GetProjectRequest { ProjectId = Project },
            cancellationToken: Cancel);
    }

    private static void Revoke(LocalPki pki, string identityDirectory)
    {
        var path = Directory.GetFiles(identityDirectory, "*.crt.pem").Single(f => Path.GetFileName(f) != "ca.crt.pem");
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
        pki.Authority.Revoke(certificate);
    }
}
