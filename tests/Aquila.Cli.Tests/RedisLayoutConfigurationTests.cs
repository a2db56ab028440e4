using Aquila.Cli.Commands;
using Aquila.Server.Options;

namespace Aquila.Cli.Tests;

/// <summary>Server:Matcher:Redis:Layout from the configuration file and arguments (issue 22).</summary>
[Collection(nameof(ProcessTests))]
public sealed class RedisLayoutConfigurationTests
{
    private const string Json = """
        { "Server": { "Port": 7443, "CertificatePath": "s.crt", "KeyPath": "s.key", "TrustedRootPaths": ["ca.crt"],
          "CrlPath": "crl.pem", "DataDirectory": "data", "KeyDirectory": "keys",
          "Matcher": { "Store": "Redis", "Redis": { "Configuration": "127.0.0.1:7001" } } } }
        """;

    [Fact]
    public void The_redis_layout_is_postings_unless_the_configuration_says_log()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("server.json"), Json);

        var byDefault = ServerCommand.Bind(dir.File("server.json"), []);
        var asLog = ServerCommand.Bind(dir.File("server.json"), ["--Server:Matcher:Redis:Layout=Log", "--Server:Matcher:Redis:LogPollInterval=00:00:00.250"]);

        Assert.Equal(RedisStoreLayout.Postings, byDefault.Matcher.Redis.Layout);
        Assert.Equal(RedisStoreLayout.Log, asLog.Matcher.Redis.Layout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), asLog.Matcher.Redis.LogPollInterval);
    }
}
