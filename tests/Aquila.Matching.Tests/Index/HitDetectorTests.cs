using Aquila.Matching.Index;
using Aquila.Tokens.Keys;
using static Aquila.Matching.Tests.Index.IndexTestData;

namespace Aquila.Matching.Tests.Index;

public sealed class HitDetectorTests
{
    private const int Rs = 0;
    private const int Ba = 1;
    private const int Me = 2;

    [Fact]
    public void A_token_shared_by_two_parties_makes_a_hit_for_the_later_batch()
    {
        var detector = Detector();
        var first = detector.AddBatch(Rs, Batch(Rs, Record(1, key: 1, token: 10)));

        var second = detector.AddBatch(Ba, Batch(Ba, Record(7, key: 1, token: 10)));

        Assert.Empty(first);
        var change = Assert.Single(second);
        Assert.Equal(HitChangeKind.New, change.Kind);
        Assert.Equal((Rs, 0, Ba, 0), (change.Hit.PartyA, change.Hit.OrdinalA, change.Hit.PartyB, change.Hit.OrdinalB));
        Assert.Equal(MatchBand.Probable, change.Hit.Band);
    }

    [Fact]
    public void Records_of_one_party_never_hit_each_other()
    {
        var detector = Detector();
        detector.AddBatch(Rs, Batch(Rs, Record(1, 0, 10), Record(2, 0, 10)));

        var changes = detector.AddBatch(Rs, Batch(Rs, Record(3, 0, 10)));

        Assert.Empty(changes);
        Assert.Equal(0, detector.Hits.Length);
    }

    [Fact]
    public void Agreeing_tokens_of_a_pair_make_one_hit_with_the_best_band_and_all_keys()
    {
        var detector = Detector();
        detector.AddBatch(Rs, Batch(Rs, (1, [(2, 20), (1, 10), (0, 30)])));

        var changes = detector.AddBatch(Ba, Batch(Ba, (5, [(1, 10), (2, 20), (0, 30), (3, 99)])));

        var change = Assert.Single(changes);
        Assert.Equal(MatchBand.Strong, change.Hit.Band);
        Assert.Equal(0b0111UL, change.Hit.KeyMask);
        Assert.Equal(["name+dob", "nid", "skeleton+dob"], detector.ViewFor(Rs, change.Hit).AgreeingKeys);
    }

    [Fact]
    public void A_later_agreeing_key_updates_the_hit_and_keeps_its_id()
    {
        var detector = Detector();
        detector.AddBatch(Rs, Batch(Rs, (1, [(2, 20)])));
        var created = Assert.Single(detector.AddBatch(Ba, Batch(Ba, (5, [(2, 20)]))));
        var onlyOneSide = detector.AddBatch(Ba, Batch(Ba, (5, [(0, 30)])));

        var changes = detector.AddBatch(Rs, Batch(Rs, (1, [(0, 30)])));

        Assert.Empty(onlyOneSide);
        var change = Assert.Single(changes);
        Assert.Equal(HitChangeKind.Updated, change.Kind);
        Assert.Equal(created.Hit.Id, change.Hit.Id);
        Assert.Equal(MatchBand.Strong, change.Hit.Band);
        Assert.Equal(0b0101UL, change.Hit.KeyMask);
        Assert.Equal(1, detector.Hits.Length);
    }

    [Fact]
    public void An_update_is_reported_once_with_the_previous_band()
    {
        var detector = Detector();
        detector.AddBatch(Rs, Batch(Rs, (1, [(2, 20), (0, 30), (1, 10)])));
        detector.AddBatch(Ba, Batch(Ba, (5, [(2, 20)])));

        var changes = detector.AddBatch(Ba, Batch(Ba, (5, [(0, 30), (1, 10)])));

        var change = Assert.Single(changes);
        Assert.Equal(HitChangeKind.Updated, change.Kind);
        Assert.Equal(MatchBand.Possible, change.PreviousBand);
        Assert.Equal(MatchBand.Strong, change.Hit.Band);
        Assert.Equal(1, detector.Hits.Length);
    }

    [Fact]
    public void The_hit_id_does_not_depend_on_which_party_submits_first()
    {
        var rsFirst = Detector();
        rsFirst.AddBatch(Rs, Batch(Rs, Record(1, 0, 30)));
        var a = Assert.Single(rsFirst.AddBatch(Me, Batch(Me, Record(2, 0, 30)))).Hit;
        var meFirst = Detector();
        meFirst.AddBatch(Me, Batch(Me, Record(2, 0, 30)));

        var b = Assert.Single(meFirst.AddBatch(Rs, Batch(Rs, Record(1, 0, 30)))).Hit;

        Assert.Equal(a.Id, b.Id);
        Assert.Equal(HitIdentity.Compute(ProjectId, "ME", Handle(Me, 2), "RS", Handle(Rs, 1)), a.Id);
    }

    [Fact]
    public void Both_parties_see_the_same_hit_with_their_own_handle_and_the_other_code()
    {
        var detector = Detector();
        detector.AddBatch(Rs, Batch(Rs, Record(1, 0, 30)));
        var hit = Assert.Single(detector.AddBatch(Ba, Batch(Ba, Record(2, 0, 30)))).Hit;

        var rsView = detector.ViewFor(Rs, hit);
        var baView = detector.ViewFor(Ba, hit);

        Assert.Equal(rsView.HitId, baView.HitId);
        Assert.Equal(RecordHandle.Read(Handle(Rs, 1)), rsView.OwnHandle);
        Assert.Equal("BA", rsView.OtherPartyCode);
        Assert.Equal(RecordHandle.Read(Handle(Ba, 2)), baView.OwnHandle);
        Assert.Equal("RS", baView.OtherPartyCode);
    }

    [Fact]
    public void A_party_outside_the_hit_gets_no_view()
    {
        var detector = Detector();
        detector.AddBatch(Rs, Batch(Rs, Record(1, 0, 30)));
        var hit = Assert.Single(detector.AddBatch(Ba, Batch(Ba, Record(2, 0, 30)))).Hit;

        Assert.Throws<ArgumentException>(() => detector.ViewFor(Me, hit));
    }

    [Fact]
    public void Six_records_of_one_party_on_a_token_suppress_only_that_partys_postings()
    {
        var detector = Detector(maxFanout: 5);
        detector.AddBatch(Ba, Batch(Ba, Record(1, 1, 10)));
        var flood = new (int, (int, int)[])[6];
        for (var i = 0; i < flood.Length; i++)
        {
            flood[i] = Record(100 + i, 1, 10);
        }

        var fromFlood = detector.AddBatch(Rs, Batch(Rs, flood));
        var fromMe = detector.AddBatch(Me, Batch(Me, Record(9, 1, 10)));

        Assert.Empty(fromFlood);
        var change = Assert.Single(fromMe);
        Assert.Equal((Ba, Me), (change.Hit.PartyA, change.Hit.PartyB));
        Assert.Equal(1, detector.SuppressedTokenCount(Rs));
        Assert.Equal(0, detector.SuppressedTokenCount(Ba));
        Assert.Equal(0, detector.SuppressedTokenCount(Me));
    }

    [Fact]
    public void A_flooding_party_cannot_hide_another_partys_person()
    {
        var detector = Detector(maxFanout: 5);
        var flood = new (int, (int, int)[])[50];
        for (var i = 0; i < flood.Length; i++)
        {
            flood[i] = Record(i, 0, 30);
        }

        detector.AddBatch(Rs, Batch(Rs, flood));
        detector.AddBatch(Ba, Batch(Ba, Record(1, 0, 30)));

        var changes = detector.AddBatch(Me, Batch(Me, Record(1, 0, 30)));

        var change = Assert.Single(changes);
        Assert.Equal((Ba, Me), (change.Hit.PartyA, change.Hit.PartyB));
    }

    [Fact]
    public void Crossing_the_fanout_in_a_later_batch_keeps_earlier_hits_and_stops_new_ones()
    {
        var detector = Detector(maxFanout: 2);
        detector.AddBatch(Ba, Batch(Ba, Record(1, 1, 10)));
        var early = detector.AddBatch(Rs, Batch(Rs, Record(1, 1, 10), Record(2, 1, 10)));

        var crossing = detector.AddBatch(Rs, Batch(Rs, Record(3, 1, 10)));
        var late = detector.AddBatch(Me, Batch(Me, Record(1, 1, 10)));

        Assert.Equal(2, early.Count);
        Assert.Empty(crossing);
        Assert.Equal((Ba, Me), (Assert.Single(late).Hit.PartyA, Assert.Single(late).Hit.PartyB));
        Assert.Equal(3, detector.Hits.Length);
        Assert.Equal(1, detector.SuppressedTokenCount(Rs));
    }

    [Fact]
    public void Removing_a_party_withdraws_its_hits_and_re_adding_it_gives_the_same_hits()
    {
        var detector = Detector();
        detector.AddBatch(Ba, Batch(Ba, (1, [(0, 30), (1, 10)]), (2, [(2, 20)])));
        detector.AddBatch(Me, Batch(Me, (1, [(2, 20)])));
        var rsBatch = Batch(Rs, (5, [(0, 30)]), (6, [(2, 20), (1, 10)]));
        detector.AddBatch(Rs, rsBatch);
        var before = Snapshot(detector);

        var withdrawn = detector.RemoveParty(Rs);
        var between = Snapshot(detector);
        detector.AddBatch(Rs, rsBatch);

        Assert.Equal(4, withdrawn.Count);
        Assert.StartsWith("BA|ME|Possible|4|", Assert.Single(between), StringComparison.Ordinal);
        Assert.Equal(5, before.Count);
        Assert.Equal(before, Snapshot(detector));
    }

    [Fact]
    public void A_batch_with_an_unknown_key_index_changes_nothing()
    {
        var detector = Detector();
        var batch = Batch(Rs, Record(1, 0, 30), Record(2, 9, 30));

        var error = Assert.Throws<ArgumentException>(() => detector.AddBatch(Rs, batch));

        Assert.Contains("key index 9", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, detector.Index.EntryCount);
        Assert.Equal(0, detector.GetHandles(Rs).Count);
    }

    [Fact]
    public void A_party_outside_the_roster_is_refused()
    {
        var detector = Detector();

        Assert.Throws<ArgumentOutOfRangeException>(() => detector.AddBatch(PartyCodes.Length, Batch(0, Record(1, 0, 1))));
    }

    private static SortedSet<string> Snapshot(HitDetector detector)
    {
        var hits = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var hit in detector.Hits)
        {
            hits.Add($"{detector.GetPartyCode(hit.PartyA)}|{detector.GetPartyCode(hit.PartyB)}|{hit.Band}|{hit.KeyMask}|{hit.Id}");
        }

        return hits;
    }
}
