using Aquila.Node;

namespace Aquila.Server.Tests;

/// <summary>
/// Two server instances on one 3-master Redis Cluster, over real mTLS, against one embedded server on the same data; run
/// for each Redis layout by a test class that picks the fixture (<see cref="RedisScaleOutTests"/>: postings,
/// <see cref="RedisLogScaleOutTests"/>: the log, each instance following it with its own matcher).
/// </summary>
public abstract class RedisScaleOutCases<TFixture>(TFixture fixture)
    where TFixture : RedisServersFixture
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_on_one_redis_cluster_with_batches_spread_across_them_give_exactly_the_hits_of_one_embedded_server()
    {
        fixture.Require();
        string[] batches =
        [
            fixture.Tokenize("RS",
                "RS-1,Петровић,Марко,Јован,М,12.03.1985.,Београд,SRB,,,suspect",
                "RS-2,Jovanović,Ana,,Ž,1990-05-20,,RS,,,suspect",
                "RS-3,Krasnići,Adem,,M,03.04.1971,Priština,,,,person_of_interest"),
            fixture.Tokenize("BA",
                "BA-9,Petrović,Marko,Jovan,M,1985-03-12,Beograd,SRB,,,suspect",
                "BA-8,Hodžić,Emina,,Ž,1979-11-02,,BA,,,other"),
            fixture.Tokenize("ME",
                "ME-4,Krasniqi,Adem,,M,1971-04-03,Prishtina,,,,suspect",
                "ME-5,Jovanovic,Ana,,Z,20.05.1990,,,,,suspect"),
            fixture.Tokenize("BA", "BA-7,Jovanović,Ana,,Ž,20/05/1990,,,,,suspect"),
        ];
        var redisServers = new[] { fixture.RedisServerA, fixture.RedisServerB };

        for (var i = 0; i < batches.Length; i++)
        {
            var party = Path.GetFileName(batches[i])[..2];
            var (embeddedChannel, embedded) = fixture.Connect(party);
            var (redisChannel, redis) = fixture.Connect(redisServers[i % 2], party);
            using (embeddedChannel)
            using (redisChannel)
            {
                await new BatchSubmitter(embedded).SubmitAsync(batches[i], null, Cancel);
                var receipt = await new BatchSubmitter(redis).SubmitAsync(batches[i], null, Cancel);
                Assert.False(receipt.AlreadyAccepted);
            }
        }

        foreach (var party in new[] { "RS", "BA", "ME" })
        {
            var expected = await FinalHitsAsync(fixture.Connect(party));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await FinalHitsAsync(fixture.Connect(fixture.RedisServerA, party)));
            Assert.Equal(expected, await FinalHitsAsync(fixture.Connect(fixture.RedisServerB, party)));
        }
    }

    [Fact]
    public async Task A_batch_accepted_by_one_instance_is_already_accepted_with_the_same_time_when_resent_to_the_other()
    {
        fixture.Require();
        var batch = fixture.Tokenize("ME", "ME-9,Đukanović,Milo,,M,15.02.1962,Nikšić,ME,,,suspect");
        var (channelA, clientA) = fixture.Connect(fixture.RedisServerA, "ME");
        var (channelB, clientB) = fixture.Connect(fixture.RedisServerB, "ME");
        using (channelA)
        using (channelB)
        {
            var first = await new BatchSubmitter(clientA).SubmitAsync(batch, null, Cancel);

            var second = await new BatchSubmitter(clientB).SubmitAsync(batch, null, Cancel);

            Assert.True(second.AlreadyAccepted);
            Assert.Equal(first.AcceptedAtUnixMs, second.AcceptedAtUnixMs);
        }
    }

    // Each hit's latest state as the party sees it, sorted.
    private static async Task<List<string>> FinalHitsAsync((Grpc.Net.Client.GrpcChannel Channel, Protocol.V1.Matching.MatchingClient Client) connection)
    {
        using var channel = connection.Channel;
        var latest = new Dictionary<string, string>();
        foreach (var hit in await SubmitAndHitsTests.ReadAsync(connection.Client, 0))
        {
            latest[Convert.ToHexString(hit.HitId.Span)] =
                $"{Convert.ToHexString(hit.HitId.Span)} {Convert.ToHexString(hit.OwnHandle.Span)} {hit.OtherParty} {hit.Band} {string.Join('+', hit.AgreeingKeys)}";
        }

        return [.. latest.Values.Order(StringComparer.Ordinal)];
    }
}
