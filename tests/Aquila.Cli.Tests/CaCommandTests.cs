using System.Text.Json;
using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

// Refusals must leave the CA exactly as it was and say why in one line.
[Collection(nameof(ProcessTests))]
public sealed class CaCommandTests(CaTestAuthority authority) : IClassFixture<CaTestAuthority>
{
    [Fact]
    public async Task Listing_as_json_shows_every_issued_certificate_and_which_one_is_revoked()
    {
        var result = await AquilaProcess.RunAsync(authority.Root, "ca", "list", "--ca", authority.Ca,
            "--passphrase-file", authority.Passphrase, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var rows = json.RootElement.GetProperty("certificates").EnumerateArray()
            .Select(row => (
                Serial: row.GetProperty("serial_number").GetString(),
                Party: row.GetProperty("party").GetString(),
                Role: row.GetProperty("role").GetString(),
                Status: row.GetProperty("status").GetString(),
                Reason: row.GetProperty("revocation_reason").GetString()))
            .ToList();
        Assert.Equal(
            [(authority.RsSerial, "RS", "node", "valid", null), (authority.BaSerial, "BA", "analyst", "revoked", "superseded")],
            rows);
    }

    [Fact]
    public async Task Signing_a_CSR_of_another_party_than_expected_is_refused_and_records_nothing()
    {
        var before = authority.Snapshot();
        var output = authority.File("mismatch.crt.pem");

        var result = await AquilaProcess.RunAsync(authority.Root, "ca", "sign", "--ca", authority.Ca, "--csr", authority.RsCsr,
            "--out", output, "--expect-party", "BA", "--passphrase-file", authority.Passphrase);

        Assert.Equal(6, result.ExitCode);
        Assert.Equal("error: The CSR is for party RS, but party BA was expected.", result.Error.Trim());
        Assert.False(File.Exists(output));
        Assert.Equal(before, authority.Snapshot());
    }

    [Fact]
    public async Task A_file_that_is_not_a_valid_CSR_is_refused()
    {
        var before = authority.Snapshot();
        var csr = authority.File("broken.csr.pem");
        File.WriteAllText(csr, "-----BEGIN CERTIFICATE REQUEST-----\nTUlJQm5vdCBhIHJlcXVlc3Q=\n-----END CERTIFICATE REQUEST-----\n");

        var result = await AquilaProcess.RunAsync(authority.Root, "ca", "sign", "--ca", authority.Ca, "--csr", csr,
            "--out", authority.File("broken.crt.pem"), "--passphrase-file", authority.Passphrase);

        Assert.Equal(6, result.ExitCode);
        Assert.StartsWith("error: The CSR is not a readable PKCS#10 request", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(File.Exists(authority.File("broken.crt.pem")));
        Assert.Equal(before, authority.Snapshot());
    }

    [Fact]
    public async Task Initialising_a_CA_where_one_exists_is_refused_and_keeps_its_key()
    {
        var before = authority.Snapshot();

        var result = await AquilaProcess.RunAsync(authority.Root, "ca", "init", "--out", authority.Ca);

        Assert.Equal(6, result.ExitCode);
        Assert.Contains("already contains a CA", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, authority.Snapshot());
    }

    [Fact]
    public async Task Revoking_a_serial_the_CA_never_issued_is_refused_and_publishes_nothing()
    {
        var before = authority.Snapshot();

        var result = await AquilaProcess.RunAsync(authority.Root, "ca", "revoke", "--ca", authority.Ca, "--serial", "0BADC0FFEE",
            "--passphrase-file", authority.Passphrase, "--crl-out", authority.File("server-crl.pem"));

        Assert.Equal(6, result.ExitCode);
        Assert.Contains("No certificate with serial BADC0FFEE", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(authority.File("server-crl.pem")));
        Assert.Equal(before, authority.Snapshot());
    }

    [Fact]
    public async Task A_wrong_passphrase_is_refused_with_a_clear_message()
    {
        var wrong = authority.File("wrong.pass");
        File.WriteAllText(wrong, "not it\n");

        var result = await AquilaProcess.RunAsync(authority.Root, "ca", "list", "--ca", authority.Ca, "--passphrase-file", wrong);

        Assert.Equal(6, result.ExitCode);
        Assert.Contains("wrong passphrase", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Creating_a_second_key_for_the_same_subject_is_refused_and_keeps_the_first()
    {
        var key = Path.Combine(authority.NodeDirectory, "RS-node-1.key.pem");
        var original = File.ReadAllText(key);

        var result = await AquilaProcess.RunAsync(authority.Root, "node", "csr", "--party", "RS", "--out", authority.NodeDirectory);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("never overwritten", result.Error, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText(key));
    }
}
