using Aquila.Bench.Tests.RedisStore;
using Npgsql;

namespace Aquila.Bench.Tests.Postgres;

[Collection(nameof(RedisStoreRuns))]
public sealed class PostgresServerProcessTests
{
    [Fact]
    public async Task Stopping_the_server_leaves_no_postgres_process_and_no_folder_behind()
    {
        PostgresBinaries.Require();
        var cancel = TestContext.Current.CancellationToken;
        var server = await PostgresServerProcess.StartAsync(PostgresBinaries.Directory!, cancel);
        int backend;
        await using (var connection = await server.OpenAsync(cancel))
        await using (var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection))
        {
            backend = (int)(await command.ExecuteScalarAsync(cancel))!;
        }

        var postmaster = server.PostmasterId;
        var folder = server.Directory;
        Assert.True(Directory.Exists(folder) && File.Exists($"/proc/{postmaster}/stat"), "the server was not running");

        server.Dispose();

        Assert.False(File.Exists($"/proc/{postmaster}/stat"), "the postmaster is still running");
        Assert.False(File.Exists($"/proc/{backend}/stat"), "a backend is still running");
        Assert.False(Directory.Exists(folder), "the cluster folder is still there");
    }

    [Fact]
    public async Task The_server_runs_with_the_pinned_durable_parameters()
    {
        PostgresBinaries.Require();
        var cancel = TestContext.Current.CancellationToken;
        using var server = await PostgresServerProcess.StartAsync(PostgresBinaries.Directory!, cancel);
        await using var connection = await server.OpenAsync(cancel);

        foreach (var parameter in PostgresServerProcess.Parameters)
        {
            var name = parameter[..parameter.IndexOf('=', StringComparison.Ordinal)];
            await using var command = new NpgsqlCommand("SELECT current_setting($1)", connection) { Parameters = { new() { Value = name } } };
            Assert.Equal(parameter[(name.Length + 1)..], (string)(await command.ExecuteScalarAsync(cancel))!);
        }
    }

    [Fact]
    public void A_bin_folder_without_the_server_tools_is_refused_with_a_message_naming_the_flag()
    {
        using var empty = new TempDirectory();

        var error = Assert.Throws<LoadSetupException>(() => PostgresServerProcess.FindBinDirectory(empty.Path));

        Assert.Contains("--postgres-bin", error.Message, StringComparison.Ordinal);
        Assert.Contains("initdb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_bin_folder_with_the_server_tools_is_taken_as_given()
    {
        PostgresBinaries.Require();

        Assert.Equal(PostgresBinaries.Directory, PostgresServerProcess.FindBinDirectory(PostgresBinaries.Directory));
    }

    [Fact]
    public async Task Without_PostgreSQL_the_run_notes_the_baseline_as_skipped_and_adds_no_figures()
    {
        var report = new LoadReport();

        await PostgresComparison.AddAsync(report, new LoadOptions(), ["AL", "BA"], binDirectory: null, [], PostgresBaselineFixture.Aquila, _ => { },
            TestContext.Current.CancellationToken);

        Assert.Equal("PostgreSQL baseline skipped: no initdb found (apt-get install postgresql).", Assert.Single(report.Notes));
        Assert.Empty(report.Figures);
    }
}
