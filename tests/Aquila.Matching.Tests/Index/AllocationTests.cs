using Aquila.Matching.Index;

namespace Aquila.Matching.Tests.Index;

public sealed class AllocationTests
{
    [Fact]
    public void Lookups_and_postings_to_existing_tokens_allocate_nothing()
    {
        var index = new TokenIndex(maxFanout: 5, initialCapacity: 4096);
        var tokens = new byte[2000 * 16];
        Random.Shared.NextBytes(tokens);
        for (var i = 0; i < 2000; i++)
        {
            index.Add(1, tokens.AsSpan(i * 16, 16), party: 0, ordinal: i, out _);
        }

        // Grow the posting pool once, then free its nodes: from here on postings reuse them.
        for (var i = 0; i < 2000; i++)
        {
            index.Add(1, tokens.AsSpan(i * 16, 16), party: 1, ordinal: i, out _);
        }

        index.RemoveParty(1);
        var found = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2000; i++)
        {
            found += index.Find(1, tokens.AsSpan(i * 16, 16)) >= 0 ? 1 : 0;
            index.Add(1, tokens.AsSpan(i * 16, 16), party: 1, ordinal: i, out _);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2000, found);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Rekeying_allocates_nothing()
    {
        using var rekeyer = new TokenRekeyer(new byte[16]);
        var tokens = new byte[64 * 16];
        rekeyer.RekeyMany(tokens, tokens);
        rekeyer.Rekey(tokens.AsSpan(0, 16), tokens.AsSpan(0, 16));
        Assert.SkipUnless(rekeyer.IsHardwareAccelerated, "the BCL fallback may allocate");

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            rekeyer.RekeyMany(tokens, tokens);
            rekeyer.Rekey(tokens.AsSpan(16, 16), tokens.AsSpan(16, 16));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
