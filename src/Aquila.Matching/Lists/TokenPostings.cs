namespace Aquila.Matching.Lists;

/// <summary>
/// The entries posted under one token, in the order they were posted. Nearly every token belongs to one entry, so the
/// first is kept inline and a list is made only for a second: a list per token was most of an entry's memory.
/// </summary>
/// <remarks>A mutable struct kept in a dictionary and changed through a reference to its slot.</remarks>
internal struct TokenPostings(EntryKey first)
{
    private EntryKey _first = first;
    private List<EntryKey>? _more;

    public readonly int Count => 1 + (_more?.Count ?? 0);

    public readonly EntryKey this[int index] => index == 0 ? _first : _more![index - 1];

    /// <summary>Posts <paramref name="key"/> last unless it is last already (the same token twice in one entry is posted once).</summary>
    public void Add(EntryKey key)
    {
        var last = _more is { Count: > 0 } more ? more[^1] : _first;
        if (last != key)
        {
            (_more ??= new List<EntryKey>(1)).Add(key);
        }
    }

    /// <summary>Removes the first posting of <paramref name="key"/>; true when no entry is left (the caller drops the slot).</summary>
    public bool Remove(EntryKey key)
    {
        if (_first == key)
        {
            if (_more is not { Count: > 0 } more)
            {
                return true;
            }

            _first = more[0];
            more.RemoveAt(0);
        }
        else
        {
            _more?.Remove(key);
        }

        if (_more is { Count: 0 })
        {
            _more = null;
        }

        return false;
    }
}
