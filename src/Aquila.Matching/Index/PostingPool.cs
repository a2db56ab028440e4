namespace Aquila.Matching.Index;

/// <summary>
/// Postings of tokens held by more than one record, in two pooled int arrays with free lists (no per-posting objects).
/// A token's postings form a list of party groups; each group holds the party's record count and a linked list of
/// its ordinals. Node 0 of each array is reserved so that 0 can mean "none".
/// </summary>
internal sealed partial class PostingPool
{
    private const int GroupInts = 4; // party | suppressed flag, count, first ordinal node, next group
    private const int OrdinalInts = 2; // ordinal, next ordinal node
    private const int SuppressedFlag = 1 << 8;

    private int[] _groups = new int[16 * GroupInts];
    private int[] _ordinals = new int[32 * OrdinalInts];
    private int _groupsUsed = 1;
    private int _ordinalsUsed = 1;
    private int _freeGroup;
    private int _freeOrdinal;

    public long ApproximateBytes => ((long)_groups.Length + _ordinals.Length) * sizeof(int);

    public int Party(int group) => _groups[group * GroupInts] & 0xFF;

    public bool IsSuppressed(int group) => (_groups[group * GroupInts] & SuppressedFlag) != 0;

    public int Count(int group) => _groups[(group * GroupInts) + 1];

    public int FirstOrdinalNode(int group) => _groups[(group * GroupInts) + 2];

    public int NextGroup(int group) => _groups[(group * GroupInts) + 3];

    public void SetNextGroup(int group, int next) => _groups[(group * GroupInts) + 3] = next;

    public int Ordinal(int node) => _ordinals[node * OrdinalInts];

    public int NextOrdinalNode(int node) => _ordinals[(node * OrdinalInts) + 1];

    public int NewGroup(int party, int next)
    {
        int group;
        if (_freeGroup != 0)
        {
            group = _freeGroup;
            _freeGroup = _groups[(group * GroupInts) + 3];
        }
        else
        {
            if ((_groupsUsed + 1) * GroupInts > _groups.Length)
            {
                Array.Resize(ref _groups, _groups.Length * 2);
            }

            group = _groupsUsed++;
        }

        var at = group * GroupInts;
        _groups[at] = party;
        _groups[at + 1] = 0;
        _groups[at + 2] = 0;
        _groups[at + 3] = next;
        return group;
    }

    /// <summary>Returns true when the group already lists <paramref name="ordinal"/>.</summary>
    public bool Contains(int group, int ordinal)
    {
        for (var node = FirstOrdinalNode(group); node != 0; node = NextOrdinalNode(node))
        {
            if (Ordinal(node) == ordinal)
            {
                return true;
            }
        }

        return false;
    }

    public void AddOrdinal(int group, int ordinal)
    {
        int node;
        if (_freeOrdinal != 0)
        {
            node = _freeOrdinal;
            _freeOrdinal = _ordinals[(node * OrdinalInts) + 1];
        }
        else
        {
            if ((_ordinalsUsed + 1) * OrdinalInts > _ordinals.Length)
            {
                Array.Resize(ref _ordinals, _ordinals.Length * 2);
            }

            node = _ordinalsUsed++;
        }

        var at = group * GroupInts;
        _ordinals[node * OrdinalInts] = ordinal;
        _ordinals[(node * OrdinalInts) + 1] = _groups[at + 2];
        _groups[at + 2] = node;
        _groups[at + 1]++;
    }

    /// <summary>Counts one more record without keeping its ordinal (the group is suppressed).</summary>
    public void CountOnly(int group) => _groups[(group * GroupInts) + 1]++;

    /// <summary>Marks the group suppressed and frees its ordinals: they can never take part in a hit again.</summary>
    public void Suppress(int group)
    {
        var at = group * GroupInts;
        _groups[at] |= SuppressedFlag;
        FreeOrdinals(group);
    }

    /// <summary>Frees the group and its ordinals and returns the group that followed it.</summary>
    public int FreeGroup(int group)
    {
        FreeOrdinals(group);
        var at = group * GroupInts;
        var next = _groups[at + 3];
        _groups[at] = 0;
        _groups[at + 1] = 0;
        _groups[at + 3] = _freeGroup;
        _freeGroup = group;
        return next;
    }

    private void FreeOrdinals(int group)
    {
        var at = group * GroupInts;
        var node = _groups[at + 2];
        while (node != 0)
        {
            var next = _ordinals[(node * OrdinalInts) + 1];
            _ordinals[(node * OrdinalInts) + 1] = _freeOrdinal;
            _freeOrdinal = node;
            node = next;
        }

        _groups[at + 2] = 0;
    }
}
