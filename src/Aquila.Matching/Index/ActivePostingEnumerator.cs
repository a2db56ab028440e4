namespace Aquila.Matching.Index;

/// <summary>
/// Enumerates the postings of one token that may take part in hits (parties whose postings for the token are
/// suppressed are skipped). Allocation-free; invalid once the index is modified.
/// </summary>
public struct ActivePostingEnumerator
{
    private readonly PostingPool _pool;
    private bool _inlinePending;
    private int _nextGroup;
    private int _party;
    private int _ordinalNode;

    internal ActivePostingEnumerator(PostingPool pool, in IndexEntry entry)
    {
        _pool = pool;
        _inlinePending = entry.HasInline;
        _nextGroup = entry.FirstGroup;
        _ordinalNode = 0;
        _party = entry.InlineParty;
        Current = _inlinePending ? new Posting(entry.InlineParty, entry.InlineOrdinal) : default;
    }

    /// <summary>The current posting.</summary>
    public Posting Current { get; private set; }

    /// <summary>Lets the enumerator be used in <c>foreach</c>.</summary>
    public readonly ActivePostingEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next usable posting.</summary>
    public bool MoveNext()
    {
        if (_inlinePending)
        {
            _inlinePending = false;
            return true;
        }

        while (true)
        {
            if (_ordinalNode != 0)
            {
                Current = new Posting(_party, _pool.Ordinal(_ordinalNode));
                _ordinalNode = _pool.NextOrdinalNode(_ordinalNode);
                return true;
            }

            if (_nextGroup == 0)
            {
                return false;
            }

            var group = _nextGroup;
            _nextGroup = _pool.NextGroup(group);
            if (!_pool.IsSuppressed(group))
            {
                _party = _pool.Party(group);
                _ordinalNode = _pool.FirstOrdinalNode(group);
            }
        }
    }
}
