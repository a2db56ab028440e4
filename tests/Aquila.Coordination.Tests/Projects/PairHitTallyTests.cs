using Aquila.Coordination.Projects;

namespace Aquila.Coordination.Tests.Projects;

/// <summary>Hits per pair and band from the parties' hit streams, as the indicators count them.</summary>
public sealed class PairHitTallyTests
{
    [Fact]
    public void A_hit_seen_from_both_sides_is_counted_once_from_the_lower_party_code()
    {
        var tally = new PairHitTally();
        tally.Found("RS", "h1", "BA", ProjectHitBand.Strong);
        tally.Found("BA", "h1", "RS", ProjectHitBand.Strong);

        var count = Assert.Single(tally.Counts());

        Assert.Equal(new PairHitCount("BA", "RS", ProjectHitBand.Strong, 1), count);
    }

    [Fact]
    public void An_updated_hit_counts_in_its_latest_band()
    {
        var tally = new PairHitTally();
        tally.Found("BA", "h1", "RS", ProjectHitBand.Possible);
        tally.Found("BA", "h1", "RS", ProjectHitBand.Probable);

        Assert.Equal([new PairHitCount("BA", "RS", ProjectHitBand.Probable, 1)], tally.Counts());
    }

    [Fact]
    public void A_withdrawn_hit_is_gone_unless_found_again()
    {
        var tally = new PairHitTally();
        tally.Found("BA", "h1", "RS", ProjectHitBand.Strong);
        tally.Found("BA", "h2", "RS", ProjectHitBand.Strong);
        tally.Withdrawn("BA", "h1");
        tally.Withdrawn("BA", "h2");
        tally.Found("BA", "h2", "RS", ProjectHitBand.Possible);

        Assert.Equal([new PairHitCount("BA", "RS", ProjectHitBand.Possible, 1)], tally.Counts());
        Assert.False(tally.Holds("BA", "h1"));
        Assert.True(tally.Holds("BA", "h2"));
        Assert.False(tally.Holds("RS", "h2"));
    }

    [Fact]
    public void Hits_are_counted_per_pair_and_band()
    {
        var tally = new PairHitTally();
        tally.Found("BA", "h1", "RS", ProjectHitBand.Strong);
        tally.Found("BA", "h2", "RS", ProjectHitBand.Strong);
        tally.Found("BA", "h3", "ME", ProjectHitBand.Possible);
        tally.Found("ME", "h4", "RS", ProjectHitBand.Strong);

        Assert.Equal(
            [
                new PairHitCount("BA", "ME", ProjectHitBand.Possible, 1),
                new PairHitCount("BA", "RS", ProjectHitBand.Strong, 2),
                new PairHitCount("ME", "RS", ProjectHitBand.Strong, 1),
            ],
            tally.Counts().OrderBy(c => c.PartyA, StringComparer.Ordinal).ThenBy(c => c.PartyB, StringComparer.Ordinal));
    }
}
