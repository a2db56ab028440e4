using Aquila.Cli.Tests.Support;
using Aquila.Node;
using Grpc.Health.V1;

namespace Aquila.Cli.Tests;

/// <summary>
/// Issue 17 item 9: when a node refuses the server's TLS certificate it says why (the name it dialled is missing, or
/// the certificate is not from its CA) and does not retry; and a server whose CRL cannot be used answers a health
/// check with NOT_SERVING instead of refusing the caller.
/// </summary>
[Collection(nameof(ProcessTests))]
public class ServerCertificateFailureTests
{
    [Fact]
    public async Task A_server_certificate_that_does_not_name_the_dialled_address_is_reported_as_such_and_not_retried()
    {
        using var dir = new TempDirectory();
        await CliFlow.CreateAuthorityAsync(dir); // the server's certificate names localhost only
        var rs = await CliFlow.EnrolAsync(dir, "RS");
        CliFlow.WriteServerConfig(dir, new[] { new { Id = "tls", Parties = new[] { "RS", "BA" } } });
        using var server = await ChildServer.StartAsync(dir.Path, dir.File("server.json"), LoopbackPorts.Take());
        await using var counter = new DroppingProxy(server.Port);

        var hits = await AquilaProcess.RunAsync(dir.Path, "node", "hits", "--server", $"https://127.0.0.1:{counter.Port}", "--cert", rs,
            "--project", "tls");

        Assert.Equal(ExitCodes.Unreachable, hits.ExitCode);
        Assert.Contains("the server's certificate does not name 127.0.0.1 — issue it with --ip/--dns", hits.Error, StringComparison.Ordinal);
        Assert.Equal(1, counter.Connections);
    }

    [Fact]
    public async Task A_server_certificate_from_another_CA_is_reported_as_such_and_a_submit_is_not_retried()
    {
        using var dir = new TempDirectory();
        await CliFlow.CreateAuthorityAsync(dir);
        var rs = await CliFlow.EnrolAsync(dir, "RS");
        // The server presents a certificate of another CA (same name), while trusting the nodes' CA.
        var other = await AquilaProcess.RunAsync(dir.Path, "ca", "init", "--out", dir.File("other-ca"));
        Assert.Equal(0, other.ExitCode);
        Directory.Delete(dir.File("server"), recursive: true);
        var otherServer = await AquilaProcess.RunAsync(dir.Path, "ca", "server-cert", "--ca", dir.File("other-ca"), "--out", dir.File("server"),
            "--dns", "localhost");
        Assert.Equal(0, otherServer.ExitCode);
        CliFlow.WriteServerConfig(dir, new[] { new { Id = "tls", Parties = new[] { "RS", "BA" } } });
        using var server = await ChildServer.StartAsync(dir.Path, dir.File("server.json"), LoopbackPorts.Take());
        await using var counter = new DroppingProxy(server.Port);
        await File.WriteAllTextAsync(dir.File("rs.csv"), "record_id,family_name,given_name,date_of_birth\nRS-1,Ilić,Marija,09.09.1995\n",
            TestContext.Current.CancellationToken);
        Assert.Equal(0, (await AquilaProcess.RunAsync(dir.Path, "key", "new", "--out", dir.File("k.key"))).ExitCode);
        Assert.Equal(0, (await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", dir.File("rs.csv"), "--key-file", dir.File("k.key"),
            "--party", "RS", "--project", "tls", "--out", dir.File("rs.aqb"))).ExitCode);

        var submit = await AquilaProcess.RunAsync(dir.Path, "node", "submit", dir.File("rs.aqb"), "--server", $"https://localhost:{counter.Port}",
            "--cert", rs);

        Assert.Equal(ExitCodes.Unreachable, submit.ExitCode);
        Assert.Contains("the server's certificate", submit.Error, StringComparison.Ordinal);
        Assert.Contains("is not from your CA", submit.Error, StringComparison.Ordinal);
        Assert.Equal(1, counter.Connections);
    }

    [Fact]
    public async Task A_server_whose_CRL_is_gone_answers_health_with_not_serving_instead_of_refusing()
    {
        using var dir = new TempDirectory();
        await CliFlow.CreateAuthorityAsync(dir);
        var rs = await CliFlow.EnrolAsync(dir, "RS");
        CliFlow.WriteServerConfig(dir);
        using var server = await ChildServer.StartAsync(dir.Path, dir.File("server.json"), LoopbackPorts.Take());
        using var identity = NodeIdentity.Load(rs);
        using var channel = AquilaChannel.Create(new Uri($"https://localhost:{server.Port}"), identity);
        var health = new Health.HealthClient(channel);
        var cancel = TestContext.Current.CancellationToken;
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: cancel)).Status);

        File.Delete(dir.File("ca/crl.pem"));
        HealthCheckResponse.Types.ServingStatus status;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            await Task.Delay(200, cancel);
            status = (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: cancel)).Status;
        }
        while (status == HealthCheckResponse.Types.ServingStatus.Serving && DateTime.UtcNow < deadline);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, status);
    }
}
