using Aquila.Node.Hits;
using Aquila.Protocol.V1;
using Aquila.Tokens.Keys;
using Google.Protobuf;

namespace Aquila.Node.Tests;

/// <summary>Hits from the wire become the party's hits on its own record ids (the node library, not the CLI, joins handles to records).</summary>
public class HitEventsTests
{
    private static readonly byte[] Handle = Enumerable.Repeat((byte)0x5C, 16).ToArray();
    private static readonly byte[] HitId = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();

    [Fact]
    public void A_hit_is_resolved_to_the_record_id_of_its_handle()
    {
        using var dir = new TempDirectory();
        HandleMapsTests.Write(dir.File("rs.aqb.handles.csv"), (Handle, "RS-\"7\", Niš"));
        var map = HandleMaps.Load(null, dir.Path);

        var hit = HitEvents.Resolve(Event(HitEventKind.New, Band.Strong, Handle), map);

        Assert.Equal("RS-\"7\", Niš", hit.RecordId);
        Assert.Equal(Convert.ToHexStringLower(HitId), hit.HitId);
        Assert.Equal(42, hit.Sequence);
        Assert.Equal("BA", hit.OtherParty);
        Assert.Equal(MatchBand.Strong, hit.Band);
        Assert.Equal(NodeHitKind.New, hit.Kind);
        Assert.Equal(["name_dob", "national_id"], hit.AgreeingKeys);
    }

    [Fact]
    public void A_handle_no_map_knows_leaves_the_record_id_empty()
    {
        using var dir = new TempDirectory();
        HandleMapsTests.Write(dir.File("rs.aqb.handles.csv"), (Handle, "RS-7"));
        var map = HandleMaps.Load(null, dir.Path);

        var hit = HitEvents.Resolve(Event(HitEventKind.New, Band.Probable, new byte[16]), map);

        Assert.Null(hit.RecordId);
    }

    [Fact]
    public void A_hit_stage_two_scored_carries_its_score_and_agreement_and_says_why_with_them()
    {
        var wire = Event(HitEventKind.New, Band.Probable, Handle);
        wire.AgreeingKeys.Clear();
        wire.Score = 0.9993;
        wire.Agreement.AddRange(["given≈", "family=", "dob:year±1", "father:missing"]);

        var hit = HitEvents.ToNodeHit(wire, "RS-7");
        var stageOne = HitEvents.ToNodeHit(Event(HitEventKind.New, Band.Strong, Handle), "RS-7");

        Assert.Equal(0.9993, hit.Score);
        Assert.Equal(["given≈", "family=", "dob:year±1", "father:missing"], hit.Agreement);
        Assert.Equal("given≈ family= dob:year±1 father:missing", hit.Why);
        Assert.Null(stageOne.Score);
        Assert.Empty(stageOne.Agreement);
        Assert.Equal("name_dob, national_id", stageOne.Why);
    }

    [Theory]
    [InlineData(HitEventKind.New, NodeHitKind.New)]
    [InlineData(HitEventKind.Updated, NodeHitKind.Updated)]
    [InlineData(HitEventKind.Withdrawn, NodeHitKind.Withdrawn)]
    public void The_kind_of_an_event_is_kept(HitEventKind wire, NodeHitKind expected) =>
        Assert.Equal(expected, HitEvents.ToNodeHit(Event(wire, Band.Possible, Handle), null).Kind);

    [Theory]
    [InlineData(Band.Strong, MatchBand.Strong)]
    [InlineData(Band.Probable, MatchBand.Probable)]
    [InlineData(Band.Possible, MatchBand.Possible)]
    [InlineData(Band.Unspecified, MatchBand.Possible)]
    public void The_band_of_an_event_maps_to_the_domain_band_and_an_unspecified_one_to_the_weakest(Band wire, MatchBand expected) =>
        Assert.Equal(expected, HitEvents.BandOf(wire));

    private static HitEvent Event(HitEventKind kind, Band band, byte[] handle)
    {
        var hit = new HitEvent
        {
            Sequence = 42,
            Kind = kind,
            HitId = ByteString.CopyFrom(HitId),
            OwnHandle = ByteString.CopyFrom(handle),
            OtherParty = "BA",
            Band = band,
        };
        hit.AgreeingKeys.Add("name_dob");
        hit.AgreeingKeys.Add("national_id");
        return hit;
    }
}
