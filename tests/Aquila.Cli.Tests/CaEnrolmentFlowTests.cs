using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Aquila.Cli.Tests.Support;
using Aquila.Security;
using Aquila.Security.Pki;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Cli.Tests;

// The operator's and the node's commands in the order they run them, with real files, checked by the validator the
// server uses.
[Collection(nameof(ProcessTests))]
public sealed class CaEnrolmentFlowTests
{
    [Fact]
    public async Task A_node_enrolled_through_the_CLI_is_accepted_by_the_validator_until_its_certificate_is_revoked()
    {
        using var dir = new TempDirectory();
        var passphrase = dir.File("ca.pass");
        File.WriteAllText(passphrase, "correct horse battery\n");
        var ca = dir.File("ca");
        var server = dir.File("server");

        var init = await AquilaProcess.RunAsync(dir.Path, "ca", "init", "--out", ca, "--passphrase-file", passphrase);
        Assert.Equal(0, init.ExitCode);
        var csr = await RunJsonAsync(dir, "node", "csr", "--party", "RS", "--role", "node", "--out", dir.File("node"), "--json");
        var signed = await RunJsonAsync(dir, "ca", "sign", "--ca", ca, "--csr", csr.GetProperty("csr").GetString()!,
            "--out", dir.File("node/RS-node-1.crt.pem"), "--expect-party", "RS", "--expect-role", "node",
            "--passphrase-file", passphrase, "--json");
        var serverCert = await AquilaProcess.RunAsync(dir.Path, "ca", "server-cert", "--ca", ca, "--out", server,
            "--dns", "localhost", "--ip", "127.0.0.1", "--passphrase-file", passphrase);
        Assert.Equal(0, serverCert.ExitCode);
        var serverCrl = Path.Combine(server, "crl.pem");
        File.Copy(Path.Combine(ca, "crl.pem"), serverCrl);

        using var validator = NewValidator(Path.Combine(ca, "ca.crt.pem"), serverCrl);
        using var node = X509Certificate2.CreateFromPemFile(dir.File("node/RS-node-1.crt.pem"), csr.GetProperty("key").GetString());
        using var serverIdentity = X509Certificate2.CreateFromPemFile(
            Path.Combine(server, "PCC-operator-server.crt.pem"), Path.Combine(server, "PCC-operator-server.key.pem"));
        var accepted = validator.Validate(node);

        Assert.True(node.HasPrivateKey);
        Assert.True(accepted.IsSuccess, accepted.Message);
        Assert.Equal(("RS", PartyRole.Node), (accepted.Identity.Party, accepted.Identity.Role));
        Assert.Equal(signed.GetProperty("serial_number").GetString(), accepted.Identity.SerialNumber);
        Assert.Equal(csr.GetProperty("public_key_sha256").GetString(), signed.GetProperty("public_key_sha256").GetString());
        Assert.True(serverIdentity.HasPrivateKey);
        Assert.Equal(PartyCode.Secretariat, validator.Validate(serverIdentity).Identity?.Party);

        var revoke = await AquilaProcess.RunAsync(dir.Path, "ca", "revoke", "--ca", ca, "--cert", dir.File("node/RS-node-1.crt.pem"),
            "--reason", "key-compromise", "--crl-out", serverCrl, "--passphrase-file", passphrase);
        var refused = validator.Validate(node);

        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(CertificateFailureKind.Revoked, refused.Failure);
        Assert.True(validator.Validate(serverIdentity).IsSuccess);
    }

    [Fact]
    public async Task The_node_key_is_readable_by_its_owner_only_and_matches_the_printed_fingerprint()
    {
        using var dir = new TempDirectory();

        var csr = await RunJsonAsync(dir, "node", "csr", "--party", "MK", "--role", "analyst", "--name", "skopje-2", "--out", dir.File("node"), "--json");

        var keyPath = csr.GetProperty("key").GetString()!;
        Assert.Equal(dir.File("node/MK-analyst-skopje-2.key.pem"), keyPath);
        Assert.Equal(dir.File("node/MK-analyst-skopje-2.csr.pem"), csr.GetProperty("csr").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }

        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyPath));
        var expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        Assert.Equal(expected, csr.GetProperty("public_key_sha256").GetString());
        Assert.Equal("CN=MK-analyst-skopje-2, OU=analyst, O=MK", csr.GetProperty("subject").GetString());
    }

    private static ClientCertificateValidator NewValidator(string root, string crl)
    {
        var options = new ClientCertificateValidatorOptions();
        options.TrustedRootCertificatePaths.Add(root);
        options.CrlPaths.Add(crl);
        return new ClientCertificateValidator(options, NullLogger<ClientCertificateValidator>.Instance);
    }

    private static async Task<JsonElement> RunJsonAsync(TempDirectory dir, params string[] args)
    {
        var result = await AquilaProcess.RunAsync(dir.Path, args);
        Assert.True(result.ExitCode == 0, result.All);
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.Clone();
    }
}
