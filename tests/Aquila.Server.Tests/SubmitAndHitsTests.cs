using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Tokens.Batches;
using Grpc.Core;

namespace Aquila.Server.Tests;

[Collection(nameof(ServerCollection))]
public class SubmitAndHitsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_held_by_two_parties_gives_each_one_hit_with_its_own_record_only()
    {
        var rs = fixture.Tokenize("RS",
            "RS-1,Петровић,Марко,Јован,М,12.03.1985.,Београд,SRB,,,suspect",
            "RS-2,Jovanović,Ana,,Ž,1990-05-20,,RS,,,suspect");
        var ba = fixture.Tokenize("BA",
            "BA-9,Petrović,Marko,Jovan,M,1985-03-12,Beograd,SRB,,,suspect",
            "BA-8,Hodžić,Emina,,Ž,1979-11-02,,BA,,,other");
        var (rsChannel, rsClient) = fixture.Connect("RS");
        var (baChannel, baClient) = fixture.Connect("BA");
        using (rsChannel)
        using (baChannel)
        {
            var rsStart = await LastSequenceAsync(rsClient);
            var baStart = await LastSequenceAsync(baClient);
            var (meChannel, meClient) = fixture.Connect("ME");
            using var meChannelScope = meChannel;
            var meStart = await LastSequenceAsync(meClient);

            await new BatchSubmitter(rsClient).SubmitAsync(rs, null, Cancel);
            var receipt = await new BatchSubmitter(baClient).SubmitAsync(ba, null, Cancel);

            Assert.False(receipt.AlreadyAccepted);
            Assert.Equal("BA", receipt.Party);
            Assert.Equal(2, receipt.Records);
            var rsHits = await ReadAsync(rsClient, rsStart);
            var baHits = await ReadAsync(baClient, baStart);
            var rsHit = Assert.Single(rsHits, h => h.Kind == HitEventKind.New);
            var baHit = Assert.Single(baHits, h => h.Kind == HitEventKind.New);
            Assert.Equal(rsHit.HitId, baHit.HitId);
            Assert.Equal("BA", rsHit.OtherParty);
            Assert.Equal("RS", baHit.OtherParty);
            Assert.Equal(Band.Strong, rsHit.Band);
            Assert.Contains("name_dob_father", rsHit.AgreeingKeys);
            Assert.Equal("RS-1", HandleMap.Load([rs + ".handles.csv"]).Resolve(rsHit.OwnHandle.Span));
            Assert.Equal("BA-9", HandleMap.Load([ba + ".handles.csv"]).Resolve(baHit.OwnHandle.Span));
            Assert.NotEqual(rsHit.OwnHandle, baHit.OwnHandle);
            Assert.DoesNotContain(await ReadAsync(meClient, meStart), h => h.HitId == rsHit.HitId);
        }
    }

    [Fact]
    public async Task A_resent_batch_returns_the_same_receipt_and_adds_nothing()
    {
        var batch = fixture.Tokenize("ME", "ME-1,Đukanović,Milo,,M,15.02.1962,Nikšić,ME,,,suspect");
        var (channel, client) = fixture.Connect("ME");
        using (channel)
        {
            var first = await new BatchSubmitter(client).SubmitAsync(batch, null, Cancel);
            var hitsBefore = await LastSequenceAsync(client);

            var second = await new BatchSubmitter(client).SubmitAsync(batch, null, Cancel);

            Assert.True(second.AlreadyAccepted);
            Assert.Equal(first.BatchId, second.BatchId);
            Assert.Equal(first.AcceptedAtUnixMs, second.AcceptedAtUnixMs);
            Assert.Equal(first.AuditHead, second.AuditHead);
            Assert.Equal(hitsBefore, await LastSequenceAsync(client));
            var status = await client.GetBatchStatusAsync(new GetBatchStatusRequest { ProjectId = ServerFixture.Project, BatchId = first.BatchId },
                cancellationToken: Cancel);
            Assert.True(status.Accepted);
            Assert.Equal(first.AuditHead, status.Receipt.AuditHead);
        }
    }

    [Fact]
    public async Task A_batch_id_reused_for_other_content_is_refused()
    {
        var original = fixture.Tokenize("ME", "ME-2,Vujović,Ana,,Ž,01.06.1970,,ME,,,suspect");
        var other = fixture.Tokenize("ME", "ME-3,Radović,Petar,,M,03.07.1971,,ME,,,suspect");
        var forged = Path.Combine(fixture.WorkDirectory, "forged.aqb");
        WithBatchId(other, forged, BatchIdOf(original));
        var (channel, client) = fixture.Connect("ME");
        using (channel)
        {
            await new BatchSubmitter(client).SubmitAsync(original, null, Cancel);

            var error = await Assert.ThrowsAsync<RpcException>(() => new BatchSubmitter(client).SubmitAsync(forged, null, Cancel));

            Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        }
    }

    [Fact]
    public async Task Watching_hits_from_a_cursor_returns_only_later_events()
    {
        var rs = fixture.Tokenize("RS",
            "RS-30,Berisha,Besnik,Agim,M,1988-04-21,Tiranë,AL,,,suspect",
            "RS-31,Hoxha,Dritan,Ilir,M,1979-12-30,Durrës,AL,,,suspect");
        var ba = fixture.Tokenize("BA",
            "BA-30,Berisha,Besnik,Agim,M,1988-04-21,Tirana,ALB,,,suspect",
            "BA-31,Hoxha,Dritan,Ilir,M,1979-12-30,Durres,ALB,,,suspect");
        var (rsChannel, rsClient) = fixture.Connect("RS");
        var (baChannel, baClient) = fixture.Connect("BA");
        using (rsChannel)
        using (baChannel)
        {
            var start = await LastSequenceAsync(rsClient);
            await new BatchSubmitter(rsClient).SubmitAsync(rs, null, Cancel);
            await new BatchSubmitter(baClient).SubmitAsync(ba, null, Cancel);
            var all = await ReadAsync(rsClient, start);
            Assert.Equal(2, all.Count);

            var later = await ReadAsync(rsClient, all[0].Sequence);

            Assert.Equal([all[1].Sequence], later.Select(h => h.Sequence));
        }
    }

    [Fact]
    public async Task The_project_tells_a_node_its_schema_and_parties()
    {
        var (channel, client) = fixture.Connect("BA");
        using (channel)
        {
            var info = await client.GetProjectAsync(new GetProjectRequest { ProjectId = ServerFixture.Project }, cancellationToken: Cancel);

            Assert.Equal(Tokens.Keys.MatchKeySchema.Default.Hash.ToArray(), info.SchemaSha256.ToByteArray());
            Assert.Equal(["RS", "BA", "ME"], info.Parties);
        }
    }

    internal static async Task<long> LastSequenceAsync(Protocol.V1.Matching.MatchingClient client)
    {
        var hits = await ReadAsync(client, 0);
        return hits.Count == 0 ? 0 : hits[^1].Sequence;
    }

    internal static async Task<List<HitEvent>> ReadAsync(Protocol.V1.Matching.MatchingClient client, long after,
        string project = ServerFixture.Project)
    {
        var hits = new List<HitEvent>();
        await foreach (var hit in new HitReader(client).ReadAsync(project, after, follow: false, Cancel))
        {
            hits.Add(hit);
        }

        return hits;
    }

    internal static byte[] BatchIdOf(string batchPath)
    {
        using var reader = BatchFileReader.Open(batchPath);
        return reader.Header.BatchId.ToArray();
    }

    // Rewrites a batch file with another batch id and a correct checksum: a node reusing an id for new content.
    internal static void WithBatchId(string source, string destination, byte[] batchId)
    {
        var bytes = File.ReadAllBytes(source);
        batchId.CopyTo(bytes, 10);
        var body = bytes.AsSpan(0, bytes.Length - 32);
        System.Security.Cryptography.SHA256.HashData(body, bytes.AsSpan(bytes.Length - 32));
        File.WriteAllBytes(destination, bytes);
    }
}
