using System.Buffers;
using Aquila.Matching.Index;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Matching.Tests.Index;

/// <summary>The compact layout: 18-byte entries whose missing token bits are the bucket's fingerprint, and the snapshot formats.</summary>
public sealed class TokenIndexLayoutTests
{
    [Fact]
    public void An_entry_is_18_bytes()
    {
        Assert.Equal(18, System.Runtime.CompilerServices.Unsafe.SizeOf<IndexEntry>());
    }

    [FsCheck.Xunit.Property]
    public Property The_stored_fields_determine_the_token()
    {
        return Prop.ForAll(
            ArbMap.Default.ArbFor<byte>(),
            ArbMap.Default.ArbFor<ulong>(),
            ArbMap.Default.ArbFor<ulong>(),
            (keyIndex, low, high) =>
            {
                // What the index keeps: key index and low word in the entry, the mixed word split between entry and bucket.
                var mix = TokenKey.Mix(keyIndex, low, high);
                return UnmixHigh(keyIndex, low, mix) == high;
            });
    }

    [Fact]
    public void Memory_per_distinct_token_stays_under_34_bytes_after_growth()
    {
        var index = new TokenIndex(initialCapacity: 0);
        var token = new byte[16];
        var random = new Random(7);
        const int Tokens = 300_000;
        for (var i = 0; i < Tokens; i++)
        {
            random.NextBytes(token);
            index.Add((byte)(i % 4), token, party: i % 3, ordinal: i, out _);
        }

        // 18-byte entries in chunks of 16,384 plus 8-byte buckets at a load between 0.57 and 0.85 (27.4-32.1 B); the
        // earlier layout (28-byte entries, power-of-two table) took 39-49 B.
        var perToken = (double)index.ApproximateBytes / Tokens;
        Assert.InRange(perToken, 18, 34);
        Assert.InRange((double)index.EntryCount / index.BucketCount, 0.56, 0.85);
    }

    [Fact]
    public void A_state_written_in_the_earlier_layout_loads_into_the_same_index()
    {
        var expected = new TokenIndex(LegacyIndexScenario.MaxFanout, initialCapacity: 16);
        LegacyIndexScenario.Run(expected);
        var loaded = new TokenIndex(LegacyIndexScenario.MaxFanout);
        var fixture = Path.Combine(AppContext.BaseDirectory, "Index", "Fixtures", LegacyIndexScenario.FixtureName);

        using (var stream = File.OpenRead(fixture))
        {
            loaded.ReadState(new StateReader(stream), format: 2);
            Assert.Equal(stream.Length, stream.Position);
        }

        AssertSameContent(expected, loaded);

        // Both go on identically: new postings on old and new tokens, another fanout crossing.
        foreach (var index in new[] { expected, loaded })
        {
            for (var value = 0; value < LegacyIndexScenario.Values + 500; value += 7)
            {
                index.Add((byte)(value % 3), LegacyIndexScenario.RandomToken(value), party: 0, ordinal: 300_000 + value, out _);
                index.Add((byte)(value % 3), LegacyIndexScenario.RandomToken(value), party: 2, ordinal: 400_000 + (value % 2), out _);
            }
        }

        AssertSameContent(expected, loaded);
    }

    [Fact]
    public void A_state_written_now_reads_back_the_same()
    {
        var index = new TokenIndex(LegacyIndexScenario.MaxFanout, initialCapacity: 16);
        LegacyIndexScenario.Run(index);
        var output = new ArrayBufferWriter<byte>();
        index.WriteState(new StateWriter(output));

        var loaded = new TokenIndex(LegacyIndexScenario.MaxFanout);
        loaded.ReadState(new StateReader(new MemoryStream(output.WrittenSpan.ToArray())), TokenIndex.CompactEntriesFormat);

        AssertSameContent(index, loaded);
        Assert.Equal(index.BucketCount, loaded.BucketCount);
    }

    private static void AssertSameContent(TokenIndex expected, TokenIndex actual)
    {
        Assert.Equal(expected.EntryCount, actual.EntryCount);
        Assert.Equal(expected.PostingCount, actual.PostingCount);
        for (var party = 0; party < 3; party++)
        {
            Assert.Equal(expected.SuppressedTokenCount(party), actual.SuppressedTokenCount(party));
        }

        for (var value = 0; value < LegacyIndexScenario.Values + 500; value++)
        {
            for (byte key = 0; key < 3; key++)
            {
                var token = LegacyIndexScenario.RandomToken(value);
                var entry = expected.Find(key, token);
                Assert.Equal(entry, actual.Find(key, token));
                if (entry < 0)
                {
                    continue;
                }

                Assert.Equal(expected.GetKeyIndex(entry), actual.GetKeyIndex(entry));
                Assert.Equal(Postings(expected, entry), Postings(actual, entry));
                for (var party = 0; party < 3; party++)
                {
                    Assert.Equal(expected.CountRecords(entry, party), actual.CountRecords(entry, party));
                    Assert.Equal(expected.IsSuppressed(entry, party), actual.IsSuppressed(entry, party));
                }
            }
        }
    }

    private static List<Posting> Postings(TokenIndex index, int entry)
    {
        var postings = new List<Posting>();
        foreach (var posting in index.GetActivePostings(entry))
        {
            postings.Add(posting);
        }

        postings.Sort((a, b) => (a.Party, a.Ordinal).CompareTo((b.Party, b.Ordinal)));
        return postings;
    }

    // The inverse of TokenKey.Mix for the high word (MurmurHash3's finaliser undone step by step).
    private static ulong UnmixHigh(byte keyIndex, ulong low, ulong mix)
    {
        var h = mix;
        h ^= h >> 33;
        h *= Inverse(0xC4CEB9FE1A85EC53UL);
        h ^= h >> 33;
        h *= Inverse(0xFF51AFD7ED558CCDUL);
        h ^= h >> 33;
        return h ^ (low * 0x9E3779B97F4A7C15UL) ^ (keyIndex * 0xD6E8FEB86659FD93UL);
    }

    private static ulong Inverse(ulong odd)
    {
        var inverse = odd; // Newton's iteration doubles the correct low bits each step: 3, 6, 12, 24, 48, 96.
        for (var i = 0; i < 5; i++)
        {
            inverse *= 2 - (odd * inverse);
        }

        return inverse;
    }
}
