using Aquila.Cli.Commands;

namespace Aquila.Cli.Tests;

// Environment variables are process-wide: these tests run alone.
[Collection(nameof(ProcessTests))]
public class ServerConfigurationTests
{
    private const string Json = """
        { "Server": { "Port": 7443, "CertificatePath": "s.crt", "KeyPath": "s.key", "TrustedRootPaths": ["ca.crt"],
          "CrlPath": "crl.pem", "DataDirectory": "data", "KeyDirectory": "keys",
          "Projects": [ { "Id": "p1", "Parties": ["RS", "BA"] } ] } }
        """;

    [Fact]
    public void The_file_is_overridden_by_AQUILA_environment_variables_and_those_by_arguments()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("server.json"), Json);
        Environment.SetEnvironmentVariable("AQUILA__Server__Port", "9000");
        Environment.SetEnvironmentVariable("AQUILA__Server__DataDirectory", "/srv/aquila");
        try
        {
            var options = ServerCommand.Bind(dir.File("server.json"), ["--Server:Port=9100"]);

            Assert.Equal(9100, options.Port);
            Assert.Equal("/srv/aquila", options.DataDirectory);
            Assert.Equal("p1", Assert.Single(options.Projects).Id);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AQUILA__Server__Port", null);
            Environment.SetEnvironmentVariable("AQUILA__Server__DataDirectory", null);
        }
    }

    [Fact]
    public void The_stage_2_schedule_is_read_from_Server_Matcher_Stage2_and_defaults_to_deferred_with_a_500000_record_backlog()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("server.json"), Json);

        var defaults = ServerCommand.Bind(dir.File("server.json"), []);
        var set = ServerCommand.Bind(dir.File("server.json"), ["--Server:Matcher:Stage2:Defer=false", "--Server:Matcher:Stage2:MaxBacklogRecords=20000"]);

        Assert.True(defaults.Matcher.Stage2.Defer);
        Assert.Equal(500_000, defaults.Matcher.Stage2.MaxBacklogRecords);
        Assert.False(set.Matcher.Stage2.Defer);
        Assert.Equal(20_000, set.Matcher.Stage2.MaxBacklogRecords);
    }

    [Fact]
    public void A_configuration_without_certificates_is_refused_naming_the_missing_settings()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("server.json"), """{ "Server": { "Port": 7443 } }""");

        var error = Assert.Throws<InvalidDataException>(() => ServerCommand.Bind(dir.File("server.json"), []));

        Assert.Contains("Server:CertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("Server:CrlPath", error.Message, StringComparison.Ordinal);
    }
}
