using Aquila.Matching.Index;

namespace Aquila.Matching.Tests.Index;

public sealed class TokenIndexTests
{
    private static List<Posting> Postings(TokenIndex index, int entry)
    {
        var postings = new List<Posting>();
        foreach (var posting in index.GetActivePostings(entry))
        {
            postings.Add(posting);
        }

        return postings;
    }

    [Fact]
    public void Growth_across_several_resizes_keeps_every_posting()
    {
        var index = new TokenIndex(maxFanout: 5, initialCapacity: 0);
        var initialBuckets = index.BucketCount;
        const int Tokens = 40_000;

        for (var i = 0; i < Tokens; i++)
        {
            index.Add((byte)(i % 3), IndexTestData.Token(i), party: i % 4, ordinal: i, out _);
            if (i % 7 == 0)
            {
                index.Add((byte)(i % 3), IndexTestData.Token(i), party: (i + 1) % 4, ordinal: i + 1, out _);
            }
        }

        Assert.True(index.BucketCount >= initialBuckets * 1024, "the index should have doubled at least ten times");
        Assert.Equal(Tokens, index.EntryCount);
        Assert.Equal(Tokens + ((Tokens + 6) / 7), index.PostingCount);
        for (var i = 0; i < Tokens; i++)
        {
            var entry = index.Find((byte)(i % 3), IndexTestData.Token(i));
            Assert.True(entry >= 0, $"token {i} was lost");
            var postings = Postings(index, entry);
            Assert.Contains(new Posting(i % 4, i), postings);
            Assert.Equal(i % 7 == 0 ? 2 : 1, postings.Count);
        }
    }

    [Fact]
    public void The_key_index_is_part_of_the_key()
    {
        var index = new TokenIndex();
        index.Add(0, IndexTestData.Token(1), party: 0, ordinal: 0, out var first);

        index.Add(1, IndexTestData.Token(1), party: 1, ordinal: 0, out var second);

        Assert.NotEqual(first, second);
        Assert.Equal(-1, index.Find(2, IndexTestData.Token(1)));
    }

    [Fact]
    public void The_same_record_posting_a_token_twice_is_a_duplicate()
    {
        var index = new TokenIndex();
        index.Add(0, IndexTestData.Token(1), party: 2, ordinal: 7, out _);
        index.Add(0, IndexTestData.Token(1), party: 1, ordinal: 7, out _);

        var result = index.Add(0, IndexTestData.Token(1), party: 2, ordinal: 7, out var entry);

        Assert.Equal(PostingAddResult.Duplicate, result);
        Assert.Equal(1, index.CountRecords(entry, party: 2));
    }

    [Fact]
    public void More_than_max_fanout_records_of_one_party_suppress_only_that_party()
    {
        var index = new TokenIndex(maxFanout: 5);
        index.Add(0, IndexTestData.Token(9), party: 1, ordinal: 0, out _);
        var results = new List<PostingAddResult>();

        for (var ordinal = 0; ordinal < 6; ordinal++)
        {
            results.Add(index.Add(0, IndexTestData.Token(9), party: 0, ordinal, out _));
        }

        var entry = index.Find(0, IndexTestData.Token(9));
        Assert.Equal(PostingAddResult.Suppressed, results[^1]);
        Assert.All(results[..^1], r => Assert.Equal(PostingAddResult.Added, r));
        Assert.True(index.IsSuppressed(entry, party: 0));
        Assert.False(index.IsSuppressed(entry, party: 1));
        Assert.Equal([new Posting(1, 0)], Postings(index, entry));
        Assert.Equal(1, index.SuppressedTokenCount(0));
        Assert.Equal(0, index.SuppressedTokenCount(1));
    }

    [Fact]
    public void Five_records_of_one_party_are_not_suppressed()
    {
        var index = new TokenIndex(maxFanout: 5);

        for (var ordinal = 0; ordinal < 5; ordinal++)
        {
            index.Add(0, IndexTestData.Token(9), party: 0, ordinal, out _);
        }

        var entry = index.Find(0, IndexTestData.Token(9));
        Assert.False(index.IsSuppressed(entry, party: 0));
        Assert.Equal(5, Postings(index, entry).Count);
    }

    [Fact]
    public void Removing_a_party_leaves_the_others_postings()
    {
        var index = new TokenIndex(maxFanout: 1);
        index.Add(0, IndexTestData.Token(1), party: 0, ordinal: 0, out _);
        index.Add(0, IndexTestData.Token(1), party: 1, ordinal: 3, out _);
        index.Add(0, IndexTestData.Token(2), party: 0, ordinal: 0, out _);
        index.Add(0, IndexTestData.Token(2), party: 0, ordinal: 1, out _);
        index.Add(0, IndexTestData.Token(3), party: 0, ordinal: 1, out _);

        index.RemoveParty(0);

        Assert.Equal([new Posting(1, 3)], Postings(index, index.Find(0, IndexTestData.Token(1))));
        Assert.Empty(Postings(index, index.Find(0, IndexTestData.Token(2))));
        Assert.Empty(Postings(index, index.Find(0, IndexTestData.Token(3))));
        Assert.Equal(1, index.PostingCount);
        Assert.Equal(0, index.SuppressedTokenCount(0));
        Assert.False(index.IsSuppressed(index.Find(0, IndexTestData.Token(2)), party: 0));
    }

    [Fact]
    public void A_removed_token_can_be_posted_again()
    {
        var index = new TokenIndex();
        index.Add(0, IndexTestData.Token(1), party: 0, ordinal: 0, out var before);
        index.RemoveParty(0);

        var result = index.Add(0, IndexTestData.Token(1), party: 0, ordinal: 4, out var after);

        Assert.Equal(PostingAddResult.Added, result);
        Assert.Equal(before, after);
        Assert.Equal([new Posting(0, 4)], Postings(index, after));
    }

    [Fact]
    public void Keeps_the_key_index_of_an_entry()
    {
        var index = new TokenIndex();
        index.Add(3, IndexTestData.Token(77), party: 0, ordinal: 0, out var entry);

        Assert.Equal(3, index.GetKeyIndex(entry));
        Assert.Equal(entry, index.Find(3, IndexTestData.Token(77)));
    }

    [Fact]
    public void Refuses_a_token_of_the_wrong_length()
    {
        var index = new TokenIndex();

        Assert.Throws<ArgumentException>(() => index.Add(0, new byte[15], party: 0, ordinal: 0, out _));
    }
}
