using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Aquila.Cli.Tests.Support;
using Aquila.Node.Hits;
using Aquila.Node.Inbox;
using Aquila.Protocol.V1;
using Google.Protobuf;
using Microsoft.Data.Sqlite;

namespace Aquila.Cli.Tests;

/// <summary>The inbox from the command line: `aquila audit verify` on its audit chain, and `aquila demo --inbox`.</summary>
[Collection(nameof(ProcessTests))]
public partial class InboxCommandTests
{
    [Fact]
    public async Task Audit_verify_checks_the_inbox_chain_and_names_the_row_that_was_changed()
    {
        using var dir = new TempDirectory();
        var data = Path.Combine(dir.Path, "inbox");
        var store = InboxStore.Open(data);
        var hitId = new string('d', 32);
        store.Record("p1", HitEvents.ToNodeHit(
            new HitEvent { Sequence = 1, HitId = ByteString.CopyFrom(Convert.FromHexString(hitId)), OtherParty = "BA", Band = Band.Strong }, "RS-1"),
            DateTimeOffset.UtcNow);
        store.ChangeState("p1", hitId, HitState.InReview, null, "officer-1", null, DateTimeOffset.UtcNow);
        store.ChangeState("p1", hitId, HitState.Confirmed, "CASE-1", "officer-1", null, DateTimeOffset.UtcNow);
        var database = InboxStore.PathIn(data);

        var intact = await AquilaProcess.RunAsync(dir.Path, "audit", "verify", "--db", database);
        using (var connection = new SqliteConnection("Data Source=" + database + ";Pooling=False"))
        {
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE audit SET officer_id = 'officer-2' WHERE sequence = 1";
            tamper.ExecuteNonQuery();
        }

        var broken = await AquilaProcess.RunAsync(dir.Path, "audit", "verify", "--db", database, "--json");

        Assert.True(intact.ExitCode == 0, intact.All);
        Assert.Contains("intact: 2 state change(s) verified", intact.Output, StringComparison.Ordinal);
        Assert.Equal(9, broken.ExitCode);
        Assert.Contains("\"first_bad_sequence\": 1", broken.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_with_inbox_keeps_the_first_partys_inbox_open_with_its_hits_until_stopped()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "aquila.dll"), "demo", "--persons", "200", "--inbox" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(cancel);
        try
        {
            var url = await ReadInboxUrlAsync(process, cancel);
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
            var hits = 0;
            for (var i = 0; i < 100 && hits == 0; i++)
            {
                var page = await client.GetStringAsync(url, cancel);
                hits = int.Parse(HitCount().Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                url = new Uri(url.GetLeftPart(UriPartial.Authority) + "/");
                if (hits == 0)
                {
                    await Task.Delay(200, cancel);
                }
            }

            Assert.True(hits > 0, "The demo's inbox showed no hit.");
            Interrupt(process);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            // 0 when it stopped within System.CommandLine's grace period after Ctrl+C, 130 when that ran out first.
            Assert.True(process.ExitCode is 0 or 130, await error);
            Assert.DoesNotContain("Unhandled", await error, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Theory]
    [InlineData("--tls-cert|inbox.crt.pem", "Mutual TLS needs all of --tls-cert, --tls-key, --client-ca and --crl.")]
    [InlineData("--smtp|mail.example", "--smtp must be host:port, not 'mail.example'.")]
    [InlineData("--smtp|mail.example:25", "--smtp needs --mail-from and at least one --mail-to.")]
    [InlineData("--webhook|ftp://hooks.example/x", "--webhook must be an http(s) URL.")]
    public async Task Node_inbox_says_what_is_missing_in_its_access_and_notification_options(string options, string message)
    {
        using var dir = new TempDirectory();

        var result = await AquilaProcess.RunAsync(dir.Path, ["node", "inbox", "--server", "https://127.0.0.1:1", "--cert", "creds",
            "--data-dir", "inbox", .. options.Split('|')]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    private static async Task<Uri> ReadInboxUrlAsync(Process process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("Inbox of RS: ", StringComparison.Ordinal))
            {
                return new Uri(line["Inbox of RS: ".Length..]);
            }
        }

        throw new InvalidOperationException("The demo ended without printing the inbox address.");
    }

    // Ctrl+C, as a user stops it: SIGINT to the process.
    private static void Interrupt(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    [GeneratedRegex(@"<caption>(\d+) hit\(s\)</caption>")]
    private static partial Regex HitCount();
}
