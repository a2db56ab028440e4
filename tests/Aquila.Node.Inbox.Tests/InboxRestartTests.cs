namespace Aquila.Node.Inbox.Tests;

/// <summary>The inbox follows hits from its stored cursor: a restart on the same database neither loses nor repeats a hit.</summary>
[Collection(InboxCollection.Name)]
public sealed class InboxRestartTests(InboxFlowFixture fixture)
{
    [Fact]
    public async Task Restarting_the_inbox_on_the_same_database_keeps_each_hit_once_with_its_state()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (dryRunProjectId, handles) = await fixture.SubmitDryRunAsync();
        var dataDirectory = fixture.NewDirectory("inbox");
        var options = fixture.InboxOptions(dataDirectory);
        options = new InboxOptions
        {
            Server = options.Server, CertificateDirectory = options.CertificateDirectory, Projects = [dryRunProjectId],
            HandleMaps = [handles], DataDirectory = dataDirectory, RetryDelay = options.RetryDelay,
        };

        string hitId;
        await using (var first = await InboxHost.StartAsync(options, null, cancel))
        {
            hitId = (await WaitForHitsAsync(dataDirectory, 1)).Single().HitId;
            InboxStore.Open(dataDirectory).ChangeState(dryRunProjectId, hitId, HitState.InReview, "CASE-9", "RS-officer-2", null,
                DateTimeOffset.UtcNow);
        }

        await using (var second = await InboxHost.StartAsync(options, null, cancel))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancel);
        }

        var store = InboxStore.Open(dataDirectory);
        var hit = Assert.Single(store.List(HitFilter.None, 0, 10).Hits);
        Assert.Equal(hitId, hit.HitId);
        Assert.Equal("RS-DRY-1", hit.RecordId);
        Assert.Equal(HitState.InReview, hit.State);
        Assert.Equal(hit.Sequence, store.CursorOf(dryRunProjectId));
    }

    private static async Task<IReadOnlyList<InboxHit>> WaitForHitsAsync(string dataDirectory, int count)
    {
        var store = InboxStore.Open(dataDirectory);
        for (var i = 0; i < 150; i++)
        {
            var (hits, total) = store.List(HitFilter.None, 0, 10);
            if (total >= count)
            {
                return hits;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"The inbox did not store {count} hit(s) in 15 s.");
    }
}
