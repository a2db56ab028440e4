using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Aquila.Coordination.Audit;

// An event's details as one array sorted by ordinal key with distinct keys: enumerates in the order the canonical
// encoding needs (AuditEntryEncoding uses the array as it is), looks a key up by binary search, and costs one array
// per event instead of a tree node per detail. Never changed after construction.
internal sealed class AuditDetails : IReadOnlyDictionary<string, string>
{
    public static readonly AuditDetails Empty = new([]);

    private readonly KeyValuePair<string, string>[] _pairs;

    // pairs: sorted by ordinal key, keys distinct; the caller hands the array over.
    private AuditDetails(KeyValuePair<string, string>[] pairs) => _pairs = pairs;

    public int Count => _pairs.Length;

    // The pairs in ordinal key order; callers only read them.
    public ReadOnlySpan<KeyValuePair<string, string>> Pairs => _pairs;

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var pair in _pairs)
            {
                yield return pair.Key;
            }
        }
    }

    public IEnumerable<string> Values
    {
        get
        {
            foreach (var pair in _pairs)
            {
                yield return pair.Value;
            }
        }
    }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException();

    // Sorts pairs in place (when they are not in order already) and takes them; false when a key appears twice.
    public static bool TryCreate(KeyValuePair<string, string>[] pairs, [NotNullWhen(true)] out AuditDetails? details,
        [NotNullWhen(false)] out string? duplicateKey)
    {
        var sorted = true;
        for (var i = 1; i < pairs.Length && sorted; i++)
        {
            sorted = string.CompareOrdinal(pairs[i - 1].Key, pairs[i].Key) < 0;
        }

        if (!sorted)
        {
            Array.Sort(pairs, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        for (var i = 1; i < pairs.Length; i++)
        {
            if (string.Equals(pairs[i - 1].Key, pairs[i].Key, StringComparison.Ordinal))
            {
                details = null;
                duplicateKey = pairs[i].Key;
                return false;
            }
        }

        details = pairs.Length == 0 ? Empty : new AuditDetails(pairs);
        duplicateKey = null;
        return true;
    }

    // Pairs the caller has put in ordinal key order with distinct keys (AuditEventTemplate's merge); taken as they are.
    internal static AuditDetails FromSorted(KeyValuePair<string, string>[] pairs) => pairs.Length == 0 ? Empty : new AuditDetails(pairs);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _pairs[index].Value : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (low, high) = (0, _pairs.Length - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(_pairs[middle].Key, key);
            if (order == 0)
            {
                return middle;
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return -1;
    }
}
