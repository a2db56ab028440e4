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

    [Fact]
    public void A_scored_hit_keeps_its_score_and_field_agreement_and_an_update_replaces_them()
    {
        using var directory = new TempDirectory();
        var store = InboxStore.Open(directory.Path);
        var scored = Hit(1, 0xAA);
        scored.Band = Band.Probable;
        scored.AgreeingKeys.Clear();
        scored.Score = 0.99731;
        scored.Agreement.Add(["given≈", "family=", "dob:missing"]);
        store.Record("p1", scored, "RS-1", DateTimeOffset.UtcNow);
        store.Record("p1", Hit(2, 0xBB), "RS-2", DateTimeOffset.UtcNow);

        var first = store.Find("p1", IdOf(0xAA))!;
        var stageOne = store.Find("p1", IdOf(0xBB))!;
        var lifted = Hit(3, 0xAA, HitEventKind.Updated);
        lifted.Score = 0.99991;
        lifted.Agreement.Add(["given=", "family=", "dob:missing"]);
        store.Record("p1", lifted, null, DateTimeOffset.UtcNow);
        var updated = InboxStore.Open(directory.Path).Find("p1", IdOf(0xAA))!;

        Assert.Equal(0.99731, first.Score);
        Assert.Equal("0.9973", first.ScoreText);
        Assert.Equal("given≈ family= dob:missing", first.Why);
        Assert.Null(stageOne.Score);
        Assert.Empty(stageOne.Agreement);
        Assert.Equal("k1, k2", stageOne.Why);
        Assert.Equal(["given=", "family=", "dob:missing"], updated.Agreement);
        Assert.Equal("0.9999", updated.ScoreText);
        Assert.Contains("Score: 0.9973 (field agreement: given≈ family= dob:missing)", FollowUpText.For(first, "RS"), StringComparison.Ordinal);
        Assert.DoesNotContain("Score:", FollowUpText.For(stageOne, "RS"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_inbox_made_before_stage_two_gains_the_score_columns_and_keeps_its_hits()
    {
        using var directory = new TempDirectory();
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = InboxStore.PathIn(directory.Path), Pooling = false };
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(builder.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE hits (
                    arrival INTEGER PRIMARY KEY AUTOINCREMENT, project TEXT NOT NULL, hit_id TEXT NOT NULL, sequence INTEGER NOT NULL,
                    band TEXT NOT NULL, other_party TEXT NOT NULL, agreeing_keys TEXT NOT NULL, record_id TEXT NULL,
                    received_at TEXT NOT NULL, state TEXT NOT NULL, case_reference TEXT NULL, officer_id TEXT NULL, note TEXT NULL,
                    changed_at TEXT NULL, UNIQUE (project, hit_id));
                INSERT INTO hits (project, hit_id, sequence, band, other_party, agreeing_keys, record_id, received_at, state)
                VALUES ('p1', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 1, 'strong', 'BA', 'k1', 'RS-1', '2026-12-01T10:00:00.0000000+00:00', 'new');
                """;
            command.ExecuteNonQuery();
        }

        var store = InboxStore.Open(directory.Path);
        var scored = Hit(2, 0xBB);
        scored.Score = 0.5;
        scored.Agreement.Add("given≈");
        store.Record("p1", scored, null, DateTimeOffset.UtcNow);

        var old = store.Find("p1", new string('a', 32))!;
        Assert.Null(old.Score);
        Assert.Equal("RS-1", old.RecordId);
        Assert.Equal(0.5, store.Find("p1", IdOf(0xBB))!.Score);
    }
}
