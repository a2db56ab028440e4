using Aquila.Node;
using Aquila.Protocol.V1;

namespace Aquila.Server.Tests;

/// <summary>A fixture of its own: these tests stop and start the server.</summary>
public sealed class RestartFixture : ServerFixture
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Options.Port = Server.Address.Port; // keep the address across restarts, as a real deployment does
    }
}

[Collection(nameof(ServerCollection))]
public class RestartTests(RestartFixture fixture) : IClassFixture<RestartFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Receipts_hits_and_cursors_survive_a_restart_and_a_following_reader_resumes_without_loss_or_duplicates()
    {
        var rs = fixture.Tokenize("RS",
            "RS-1,Krasnići,Arben,Besim,M,07.08.1991,Priština,XK,,,suspect",
            "RS-2,Nikolić,Dragan,Zoran,M,11.11.1966,Niš,RS,,,suspect");
        var ba = fixture.Tokenize("BA", "BA-1,Krasniqi,Arben,Besim,M,1991-08-07,Prishtinë,XK,,,suspect");
        var me = fixture.Tokenize("ME", "ME-1,Nikolić,Dragan,Zoran,M,11.11.1966,Niš,RS,,,suspect");
        using var rsIdentity = NodeIdentity.Load(fixture.Identities["RS"]);
        using var baIdentity = NodeIdentity.Load(fixture.Identities["BA"]);
        using var meIdentity = NodeIdentity.Load(fixture.Identities["ME"]);
        using var rsChannel = AquilaChannel.Create(fixture.Server.Address, rsIdentity);
        using var baChannel = AquilaChannel.Create(fixture.Server.Address, baIdentity);
        using var meChannel = AquilaChannel.Create(fixture.Server.Address, meIdentity);
        var rsClient = new Protocol.V1.Matching.MatchingClient(rsChannel);
        var receipt = await new BatchSubmitter(rsClient).SubmitAsync(rs, null, Cancel);
        await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(baChannel)).SubmitAsync(ba, null, Cancel);
        var before = await SubmitAndHitsTests.ReadAsync(rsClient, 0);
        var first = Assert.Single(before);

        using var following = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        following.CancelAfter(TimeSpan.FromSeconds(60));
        var followed = new List<HitEvent>();
        var reader = Task.Run(async () =>
        {
            await foreach (var hit in new HitReader(rsClient) { ReconnectDelay = TimeSpan.FromMilliseconds(100) }
                .ReadAsync(ServerFixture.Project, first.Sequence, follow: true, following.Token))
            {
                followed.Add(hit);
                return;
            }
        }, Cancel);

        await fixture.RestartAsync();
        var after = await SubmitAndHitsTests.ReadAsync(rsClient, 0);
        var status = await rsClient.GetBatchStatusAsync(new GetBatchStatusRequest { ProjectId = ServerFixture.Project, BatchId = receipt.BatchId },
            cancellationToken: Cancel);
        await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(meChannel)).SubmitAsync(me, null, Cancel);
        await reader;

        Assert.Equal(before, after);
        Assert.True(status.Accepted);
        Assert.Equal(receipt.AuditHead, status.Receipt.AuditHead);
        var next = Assert.Single(followed);
        Assert.Equal(first.Sequence + 1, next.Sequence);
        Assert.Equal("ME", next.OtherParty);
    }
}
