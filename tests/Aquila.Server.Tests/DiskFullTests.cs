using System.Diagnostics;
using Aquila.Node;
using Aquila.Protocol.V1;
using Grpc.Core;

namespace Aquila.Server.Tests;

/// <summary>
/// The server's data directory on a small tmpfs of its own (needs root, as on the CI machines; skipped
/// elsewhere): filling the disk must refuse new batches with a clear status, keep every batch acknowledged
/// before, and not stop the server from starting again on the full disk.
/// </summary>
public sealed class SmallDiskFixture : ServerFixture
{
    private readonly string _mount = Path.Combine(Path.GetTempPath(), "aquila-small-disk-" + Guid.NewGuid().ToString("N"));

    public bool Mounted { get; private set; }

    protected override string DataDirectoryPath => Path.Combine(_mount, "data");

    public override async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_mount);
        Mounted = await MountAsync($"-t tmpfs -o size=3m tmpfs \"{_mount}\"");
        await base.InitializeAsync();
        Options.Port = Server.Address.Port;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Mounted)
        {
            await RunAsync("umount", $"\"{_mount}\"");
        }

        Directory.Delete(_mount, recursive: true);
    }

    private static Task<bool> MountAsync(string arguments) => RunAsync("mount", arguments);

    private static async Task<bool> RunAsync(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            await process.WaitForExitAsync();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

[Collection(nameof(ServerCollection))]
public class DiskFullTests(SmallDiskFixture fixture) : IClassFixture<SmallDiskFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_disk_refuses_new_batches_clearly_keeps_the_acknowledged_ones_and_the_server_restarts()
    {
        Assert.SkipUnless(fixture.Mounted, "mounting a small tmpfs needs root");
        var (channel, client) = fixture.Connect("RS");
        using (channel)
        {
            var accepted = new List<BatchReceipt>();
            RpcException? refusal = null;
            for (var i = 0; i < 400 && refusal is null; i++)
            {
                var rows = Enumerable.Range(0, 200).Select(r => $"RS-{i}-{r},Punić{i},Disk{r},,M,1980-01-{2 + (r % 27):D2},,RS,,,suspect").ToArray();
                try
                {
                    accepted.Add(await new BatchSubmitter(client) { MaxAttempts = 1 }.SubmitAsync(fixture.Tokenize("RS", rows), null, Cancel));
                }
                catch (RpcException e)
                {
                    refusal = e;
                }
            }

            Assert.NotNull(refusal);
            Assert.NotEmpty(accepted);
            Assert.Contains("could not store the batch durably", refusal.Status.Detail, StringComparison.Ordinal);
            await fixture.RestartAsync();

            foreach (var receipt in accepted)
            {
                var status = await client.GetBatchStatusAsync(new GetBatchStatusRequest { ProjectId = ServerFixture.Project, BatchId = receipt.BatchId },
                    cancellationToken: Cancel);
                Assert.True(status.Accepted);
                Assert.Equal(receipt.Tokens, status.Receipt.Tokens);
            }
        }
    }
}
