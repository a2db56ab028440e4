using Aquila.Server.Options;
using Microsoft.Extensions.Options;

namespace Aquila.Server.Tests;

/// <summary>The checks every host gets where the server starts (ServerOptionsValidator), with the messages `aquila server` gave.</summary>
public sealed class ServerOptionsValidatorTests
{
    [Fact]
    public void Complete_options_pass()
    {
        var options = Complete();

        ServerOptionsValidator.ThrowIfInvalid(options);
        Assert.True(new ServerOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Options_without_certificates_are_refused_naming_the_missing_settings()
    {
        var options = Complete();
        options.CertificatePath = "";
        options.CrlPath = "";

        var refused = Assert.Throws<InvalidDataException>(() => ServerOptionsValidator.ThrowIfInvalid(options));

        Assert.StartsWith("The server configuration is incomplete: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Server:CertificatePath", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Server:CrlPath", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_project_with_one_party_is_refused()
    {
        var options = Complete();
        options.Projects.Add(new ProjectOptions { Id = "dry-run", Parties = ["RS"] });

        var refused = Assert.Throws<InvalidDataException>(() => ServerOptionsValidator.ThrowIfInvalid(options));

        Assert.Contains("Server:Parties", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_matcher_role_on_the_embedded_store_is_refused_saying_what_to_set()
    {
        var options = Complete();
        options.Role = ServerRole.Matcher;

        var refused = Assert.Throws<InvalidOperationException>(() => ServerOptionsValidator.ThrowIfInvalid(options));

        Assert.Contains("Server:Matcher:Store=Redis", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_metrics_listener_off_loopback_is_refused_and_one_with_mutual_TLS_passes()
    {
        var options = Complete();
        options.Metrics.Listen = "0.0.0.0:9464";

        var refused = Assert.Throws<InvalidOperationException>(() => ServerOptionsValidator.ThrowIfInvalid(options));
        options.Metrics.RequireClientCertificate = true;

        Assert.Contains("Server:Metrics:RequireClientCertificate=true", refused.Message, StringComparison.Ordinal);
        ServerOptionsValidator.ThrowIfInvalid(options);
    }

    [Theory]
    [InlineData("127.0.0.1:9464")]
    [InlineData("[::1]:9464")]
    [InlineData("off")]
    public void A_plain_metrics_listener_on_loopback_or_off_passes(string listen)
    {
        var options = Complete();
        options.Metrics.Listen = listen;

        Assert.True(new ServerOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_spool_folder_given_as_a_path_is_refused()
    {
        var options = Complete();
        options.Uploads.SpoolFolder = "../spool";

        var refused = Assert.Throws<InvalidOperationException>(() => ServerOptionsValidator.ThrowIfInvalid(options));

        Assert.StartsWith("The server's upload, refusal or stage-2 limits are not valid: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Server:Uploads:SpoolFolder", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stage_2_backlog_cap_below_one_record_is_refused_naming_the_setting()
    {
        var options = Complete();
        options.Matcher.Stage2.MaxBacklogRecords = 0;

        var refused = Assert.Throws<InvalidOperationException>(() => ServerOptionsValidator.ThrowIfInvalid(options));

        Assert.Contains("Server:Matcher:Stage2:MaxBacklogRecords", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void As_an_options_validator_it_reports_every_kind_of_problem_at_once()
    {
        var options = Complete();
        options.Role = ServerRole.Coordinator;
        options.Uploads.IdleTimeout = TimeSpan.Zero;
        options.KeyDirectory = "";

        ValidateOptionsResult result = new ServerOptionsValidator().Validate(Microsoft.Extensions.Options.Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
    }

    private static ServerOptions Complete() => new()
    {
        CertificatePath = "server.pem",
        KeyPath = "server.key",
        TrustedRootPaths = ["root.pem"],
        CrlPath = "root.crl",
        DataDirectory = "data",
        KeyDirectory = "keys",
    };
}
