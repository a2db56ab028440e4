using Aquila.Cli.Tests.Support;
using Aquila.Node;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Derivation;

namespace Aquila.Cli.Tests;

/// <summary>A node's CA, enrolled RS node and one project key, both raw and wrapped to the RS node's certificate key.</summary>
public sealed class WrappedKeyFixture : IAsyncLifetime
{
    public const string Project = "wrap-1";

    public TempDirectory Dir { get; } = new();

    public string RawKey => Dir.File("raw.key");

    public string WrappedKey => Dir.File("wrapped.key");

    public string UnconfirmedKey => Dir.File("unconfirmed.key");

    public byte[] Transcript { get; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    public string Fingerprint => Security.Ceremony.CeremonyTranscript.Fingerprint(Transcript);

    public string Node => Dir.File("rs");

    public async ValueTask InitializeAsync()
    {
        await Must("ca", "init", "--out", Dir.File("ca"));
        await Must("node", "csr", "--party", "RS", "--out", Node);
        await Must("ca", "sign", "--ca", Dir.File("ca"), "--csr", Path.Combine(Node, "RS-node-1.csr.pem"),
            "--out", Path.Combine(Node, "RS-node-1.crt.pem"), "--expect-party", "RS", "--expect-role", "node");
        File.Copy(Dir.File("ca/ca.crt.pem"), Path.Combine(Node, "ca.crt.pem"));
        await Must("key", "new", "--out", RawKey);

        // What `aquila node join` writes, with a key known to the test; the operator then confirms the fingerprint.
        using (var key = ProjectKey.Load(RawKey))
        using (var identity = NodeIdentity.Load(Node))
        {
            ProjectKeyFile.SaveWrapped(WrappedKey, key, Project, Transcript, identity);
            ProjectKeyFile.SaveWrapped(UnconfirmedKey, key, Project, Transcript, identity);
        }

        await Must("node", "confirm-fingerprint", "--project", Project, "--key-file", WrappedKey, "--cert", Node, "--fingerprint", Fingerprint);
    }

    public ValueTask DisposeAsync()
    {
        Dir.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task Must(params string[] args)
    {
        var result = await AquilaProcess.RunAsync(Dir.Path, args);
        Assert.True(result.ExitCode == 0, $"aquila {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
    }
}

[Collection(nameof(ProcessTests))]
public class WrappedKeyTokenizeTests(WrappedKeyFixture fixture) : IClassFixture<WrappedKeyFixture>
{
    private Task<AquilaProcess.Result> TokenizeAsync(string keyFile, string output, params string[] extra) =>
        AquilaProcess.RunAsync(fixture.Dir.Path, ["node", "tokenize", "--input", RepositoryFiles.PathOf("samples/records.csv"),
            "--key-file", keyFile, "--party", "RS", "--project", WrappedKeyFixture.Project, "--out", fixture.Dir.File(output), .. extra]);

    [Fact]
    public async Task Tokenising_with_the_wrapped_key_gives_the_same_tokens_as_with_the_raw_key()
    {
        var raw = await TokenizeAsync(fixture.RawKey, "raw.aqb");
        var wrapped = await TokenizeAsync(fixture.WrappedKey, "wrapped.aqb", "--cert", fixture.Node);

        Assert.Equal(1, raw.ExitCode); // the sample holds a record with neither a key nor a block
        Assert.True(wrapped.ExitCode == 1, wrapped.Error);
        var expected = Tokens("raw.aqb");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Tokens("wrapped.aqb"));
    }

    [Fact]
    public async Task A_wrapped_key_without_the_node_credentials_is_refused_with_what_to_pass()
    {
        var result = await TokenizeAsync(fixture.WrappedKey, "none.aqb");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("encrypted to a node's certificate key", result.Error, StringComparison.Ordinal);
        Assert.Contains("pass --cert DIR", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(fixture.Dir.File("none.aqb")));
    }

    [Fact]
    public async Task A_wrapped_key_of_another_project_is_refused_by_name()
    {
        var result = await AquilaProcess.RunAsync(fixture.Dir.Path, "node", "tokenize", "--input", RepositoryFiles.PathOf("samples/records.csv"),
            "--key-file", fixture.WrappedKey, "--cert", fixture.Node, "--party", "RS", "--project", "other-2", "--out", fixture.Dir.File("other.aqb"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"project key of project {WrappedKeyFixture.Project}, not of project other-2", result.Error, StringComparison.Ordinal);
    }

    // Issue 24, finding 2: the key is not usable before the operator recorded the out-of-band comparison.
    [Fact]
    public async Task A_key_whose_fingerprint_was_not_confirmed_is_refused_with_the_exact_command_to_run()
    {
        var result = await TokenizeAsync(fixture.UnconfirmedKey, "unconfirmed.aqb", "--cert", fixture.Node);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("not usable yet", result.Error, StringComparison.Ordinal);
        Assert.Contains($"aquila node confirm-fingerprint --project {WrappedKeyFixture.Project} --key-file {fixture.UnconfirmedKey}", result.Error,
            StringComparison.Ordinal);
        Assert.Contains($"--fingerprint {fixture.Fingerprint}", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(fixture.Dir.File("unconfirmed.aqb")));
    }

    [Fact]
    public async Task A_fingerprint_that_differs_from_the_keys_is_not_recorded()
    {
        var wrong = "0000" + fixture.Fingerprint[4..];

        var result = await AquilaProcess.RunAsync(fixture.Dir.Path, "node", "confirm-fingerprint", "--project", WrappedKeyFixture.Project,
            "--key-file", fixture.UnconfirmedKey, "--cert", fixture.Node, "--fingerprint", wrong);
        var header = ProjectKeyFile.Describe(fixture.UnconfirmedKey)!;

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("is not the one of key file", result.Error, StringComparison.Ordinal);
        Assert.False(header.Confirmed);
    }

    // Issue 24, finding 4: a raw key (which anyone can write) put in place of the node's wrapped key is refused.
    [Fact]
    public async Task A_raw_key_file_used_with_node_credentials_is_refused_as_possibly_planted()
    {
        var result = await TokenizeAsync(fixture.RawKey, "planted.aqb", "--cert", fixture.Node);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("is a raw key", result.Error, StringComparison.Ordinal);
        Assert.Contains("could have been planted", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(fixture.Dir.File("planted.aqb")));
    }

    [Fact]
    public async Task Node_fingerprint_prints_the_party_and_the_hash_of_the_node_certificates_public_key()
    {
        var result = await AquilaProcess.RunAsync(fixture.Dir.Path, "node", "fingerprint", "--cert", fixture.Node);

        using var identity = NodeIdentity.Load(fixture.Node);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"RS={Convert.ToHexString(Security.Pki.PublicKeyHash.Of(identity.Certificate))}\n", result.Output, StringComparison.Ordinal);
    }

    // Issue 24, finding 1: the roster never comes from the coordinator.
    [Fact]
    public async Task Joining_without_the_agreed_parties_is_refused_before_anything_is_sent()
    {
        var result = await AquilaProcess.RunAsync(fixture.Dir.Path, "node", "join", "--server", "https://localhost:1", "--cert", fixture.Node,
            "--project", WrappedKeyFixture.Project, "--key-out", fixture.Dir.File("join.key"));
        var unpinned = await AquilaProcess.RunAsync(fixture.Dir.Path, "node", "join", "--server", "https://localhost:1", "--cert", fixture.Node,
            "--project", WrappedKeyFixture.Project, "--key-out", fixture.Dir.File("join.key"), "--expect-parties", "RS,BA");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("--expect-parties is required", result.Error, StringComparison.Ordinal);
        Assert.Contains("aquila node fingerprint", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, unpinned.ExitCode);
        Assert.Contains("'RS' has no public-key hash", unpinned.Error, StringComparison.Ordinal);
    }

    // Every token of the batch with its key index, sorted (handles are fresh per run, tokens are not).
    private List<string> Tokens(string batch)
    {
        using var reader = BatchFileReader.Open(fixture.Dir.File(batch));
        var tokens = new List<string>();
        var record = new BatchRecord();
        while (reader.TryReadRecord(record))
        {
            for (var i = 0; i < record.TokenCount; i++)
            {
                tokens.Add($"{record.KeyIndexAt(i)}:{Convert.ToHexStringLower(record.TokenAt(i))}");
            }
        }

        tokens.Sort(StringComparer.Ordinal);
        return tokens;
    }
}
