namespace Aquila.Matching.Lists;

/// <summary>
/// The entries (slots of the list's entry array) posted under one token, in the order they were posted. Nearly every
/// token belongs to one entry, so the first is kept inline and a list is made only for a second: a list per token was
/// most of an entry's memory.
/// </summary>
/// <remarks>A mutable struct kept in a dictionary and changed through a reference to its slot.</remarks>
internal struct TokenPostings(int firstSlot)
{
    private int _first = firstSlot;
    private List<int>? _more;

    public readonly int Count => 1 + (_more?.Count ?? 0);

    public readonly int this[int index] => index == 0 ? _first : _more![index - 1];

    /// <summary>Posts <paramref name="slot"/> last unless it is last already (the same token twice in one entry is posted once).</summary>
    public void Add(int slot)
    {
        var last = _more is { Count: > 0 } more ? more[^1] : _first;
        if (last != slot)
        {
            (_more ??= new List<int>(1)).Add(slot);
        }
    }

    /// <summary>Removes the first posting of <paramref name="slot"/>; true when no entry is left (the caller drops the posting).</summary>
    public bool Remove(int slot)
    {
        if (_first == slot)
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
            _more?.Remove(slot);
        }

        if (_more is { Count: 0 })
        {
            _more = null;
        }

        return false;
    }
}
