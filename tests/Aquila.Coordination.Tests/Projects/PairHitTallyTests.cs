using Aquila.Coordination.Projects;
using Aquila.Tokens.Keys;

namespace Aquila.Coordination.Tests.Projects;

/// <summary>Hits per pair and band from the parties' hit streams, as the indicators count them.</summary>
public sealed class PairHitTallyTests
{
    [Fact]
    public void A_hit_seen_from_both_sides_is_counted_once_from_the_lower_party_code()
    {
        var tally = new PairHitTally();
        tally.Found("RS", "h1", "BA", MatchBand.Strong);
        tally.Found("BA", "h1", "RS", MatchBand.Strong);

        var count = Assert.Single(tally.Counts());

        Assert.Equal(new PairHitCount("BA", "RS", MatchBand.Strong, 1), count);
    }

    [Fact]
    public void An_updated_hit_counts_in_its_latest_band()
    {
        var tally = new PairHitTally();
        tally.Found("BA", "h1", "RS", MatchBand.Possible);
        tally.Found("BA", "h1", "RS", MatchBand.Probable);

        Assert.Equal([new PairHitCount("BA", "RS", MatchBand.Probable, 1)], tally.Counts());
    }

    [Fact]
    public void A_withdrawn_hit_is_gone_unless_found_again()
    {
        var tally = new PairHitTally();
        tally.Found("BA", "h1", "RS", MatchBand.Strong);
        tally.Found("BA", "h2", "RS", MatchBand.Strong);
        tally.Withdrawn("BA", "h1");
        tally.Withdrawn("BA", "h2");
        tally.Found("BA", "h2", "RS", MatchBand.Possible);

        Assert.Equal([new PairHitCount("BA", "RS", MatchBand.Possible, 1)], tally.Counts());
        Assert.False(tally.Holds("BA", "h1"));
        Assert.True(tally.Holds("BA", "h2"));
        Assert.False(tally.Holds("RS", "h2"));
    }

    [Fact]
    public void Hits_are_counted_per_pair_and_band()
    {
        var tally = new PairHitTally();
        tally.Found("BA", "h1", "RS", MatchBand.Strong);
        tally.Found("BA", "h2", "RS", MatchBand.Strong);
        tally.Found("BA", "h3", "ME", MatchBand.Possible);
        tally.Found("ME", "h4", "RS", MatchBand.Strong);

        Assert.Equal(
            [
                new PairHitCount("BA", "ME", MatchBand.Possible, 1),
                new PairHitCount("BA", "RS", MatchBand.Strong, 2),
                new PairHitCount("ME", "RS", MatchBand.Strong, 1),
            ],
            tally.Counts().OrderBy(c => c.PartyA, StringComparer.Ordinal).ThenBy(c => c.PartyB, StringComparer.Ordinal));
    }
}
