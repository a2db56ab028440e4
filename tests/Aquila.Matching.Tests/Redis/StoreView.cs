namespace Aquila.Matching.Tests.Redis;

/// <summary>A store's state as comparable text: receipts in order, events per party (sorted), final hit states, counts.</summary>
internal sealed record StoreView(string Receipts, string Events, string FinalHits, string Counts)
{
    /// <summary>Asserts field by field, so a failure shows where the texts part.</summary>
    public void AssertSame(StoreView actual, bool events = true)
    {
        Assert.Equal(FinalHits, actual.FinalHits);
        Assert.Equal(Counts, actual.Counts);
        Assert.Equal(Receipts, actual.Receipts);
        if (events)
        {
            Assert.Equal(Events, actual.Events);
        }
    }
}
