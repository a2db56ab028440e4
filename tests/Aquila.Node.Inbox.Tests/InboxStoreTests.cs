using Aquila.Protocol.V1;
using Google.Protobuf;

namespace Aquila.Node.Inbox.Tests;

public class InboxStoreTests
{
    private static HitEvent Hit(long sequence, byte id, HitEventKind kind = HitEventKind.New) => new()
    {
        Sequence = sequence, Kind = kind, HitId = ByteString.CopyFrom(Enumerable.Repeat(id, 16).ToArray()), OtherParty = "BA",
        Band = Band.Strong, AgreeingKeys = { "k1", "k2" },
    };

    private static string IdOf(byte id) => Convert.ToHexStringLower(Enumerable.Repeat(id, 16).ToArray());

    [Fact]
    public void A_replayed_hit_event_is_stored_once_and_the_cursor_survives_reopening()
    {
        using var directory = new TempDirectory();
        var store = InboxStore.Open(directory.Path);

        var first = store.Record("p1", Hit(1, 0xAA), "RS-1", DateTimeOffset.UtcNow);
        var replay = store.Record("p1", Hit(1, 0xAA), "RS-1", DateTimeOffset.UtcNow);
        store.Record("p1", Hit(2, 0xBB), null, DateTimeOffset.UtcNow);
        var reopened = InboxStore.Open(directory.Path);

        Assert.True(first);
        Assert.False(replay);
        Assert.Equal(2, reopened.List(HitFilter.None, 0, 10).Total);
        Assert.Equal(2, reopened.CursorOf("p1"));
        Assert.Equal(0, reopened.CursorOf("p2"));
    }

    [Fact]
    public void A_withdrawal_marks_the_hit_withdrawn_and_an_update_keeps_the_analysts_state()
    {
        using var directory = new TempDirectory();
        var store = InboxStore.Open(directory.Path);
        store.Record("p1", Hit(1, 0xAA), "RS-1", DateTimeOffset.UtcNow);
        store.Record("p1", Hit(2, 0xBB), "RS-2", DateTimeOffset.UtcNow);
        store.ChangeState("p1", IdOf(0xAA), HitState.InReview, "CASE-1", "officer-7", null, DateTimeOffset.UtcNow);

        store.Record("p1", Hit(3, 0xAA, HitEventKind.Updated), null, DateTimeOffset.UtcNow);
        store.Record("p1", Hit(4, 0xBB, HitEventKind.Withdrawn), null, DateTimeOffset.UtcNow);

        var updated = store.Find("p1", IdOf(0xAA))!;
        Assert.Equal(HitState.InReview, updated.State);
        Assert.Equal("RS-1", updated.RecordId);
        Assert.Equal("CASE-1", updated.CaseReference);
        Assert.Equal(HitState.Withdrawn, store.Find("p1", IdOf(0xBB))!.State);
        Assert.False(store.ChangeState("p1", IdOf(0xBB), HitState.Confirmed, null, "officer-7", null, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void The_list_filters_by_state_and_band_and_pages_newest_first()
    {
        using var directory = new TempDirectory();
        var store = InboxStore.Open(directory.Path);
        for (byte i = 1; i <= 5; i++)
        {
            store.Record("p1", Hit(i, i), null, DateTimeOffset.UtcNow);
        }

        store.ChangeState("p1", IdOf(1), HitState.Rejected, null, "o", null, DateTimeOffset.UtcNow);

        var (page, total) = store.List(HitFilter.None, 0, 2);
        var rejected = store.List(HitFilter.None with { State = HitState.Rejected }, 0, 10);
        var possible = store.List(HitFilter.None with { Band = "possible" }, 0, 10);

        Assert.Equal(5, total);
        Assert.Equal([5L, 4L], page.Select(h => h.Sequence));
        Assert.Equal(1, rejected.Total);
        Assert.Equal(0, possible.Total);
        Assert.Equal(4, store.CountsByState()[HitState.New]);
    }

    [Fact]
    public void Sorting_by_band_or_party_is_stable_across_pages_and_ties_keep_the_arrival_order()
    {
        using var directory = new TempDirectory();
        var store = InboxStore.Open(directory.Path);
        var bands = new[] { Band.Possible, Band.Strong, Band.Probable, Band.Strong, Band.Possible, Band.Strong };
        var parties = new[] { "ME", "BA", "ME", "AL", "BA", "ME" };
        for (byte i = 1; i <= bands.Length; i++)
        {
            var hit = Hit(i, i);
            hit.Band = bands[i - 1];
            hit.OtherParty = parties[i - 1];
            store.Record("p1", hit, null, DateTimeOffset.UtcNow);
        }

        List<long> Pages(HitSort sort) =>
            [.. Enumerable.Range(0, 3).SelectMany(page => store.List(HitFilter.None, sort, page * 2, 2).Hits.Select(h => h.Sequence))];

        Assert.Equal([6L, 4, 2, 3, 5, 1], Pages(HitSort.Parse("band", null)));
        Assert.Equal([1L, 5, 3, 2, 4, 6], Pages(HitSort.Parse("band", "asc")));
        Assert.Equal([4L, 2, 5, 1, 3, 6], Pages(HitSort.Parse("party", null)));
        Assert.Equal([6L, 5, 4, 3, 2, 1], Pages(HitSort.Parse("nonsense", null)));
        Assert.Equal([6L, 4, 2, 3, 5, 1], store.List(HitFilter.None with { State = HitState.New }, HitSort.Parse("band", null), 0, 10).Hits
            .Select(h => h.Sequence));
        Assert.Equal([4L, 2, 6], store.List(HitFilter.None with { Band = "strong" }, HitSort.Parse("party", "asc"), 0, 10).Hits
            .Select(h => h.Sequence));
    }
}
