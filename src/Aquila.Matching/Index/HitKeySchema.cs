using Aquila.Tokens.Keys;

namespace Aquila.Matching.Index;

/// <summary>
/// The project's match keys in schema order; a token's key index is a position in this list. At most 64 keys, so
/// the agreeing keys of a hit fit a 64-bit mask.
/// </summary>
public sealed class HitKeySchema
{
    /// <summary>Largest number of keys a schema may have.</summary>
    public const int MaxKeys = 64;

    private readonly HitKey[] _keys;

    /// <summary>Creates the schema view from the project's keys in schema order.</summary>
    public HitKeySchema(IReadOnlyList<HitKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count is 0 or > MaxKeys)
        {
            throw new ArgumentException($"A match-key schema needs 1 to {MaxKeys} keys; got {keys.Count}.", nameof(keys));
        }

        _keys = new HitKey[keys.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i] ?? throw new ArgumentException($"Key {i} of the schema is null.", nameof(keys));
            if (string.IsNullOrEmpty(key.Id) || !seen.Add(key.Id))
            {
                throw new ArgumentException($"Key {i} of the schema has an empty or repeated id.", nameof(keys));
            }

            if (key.Band is < MatchBand.Possible or > MatchBand.Strong)
            {
                throw new ArgumentException($"Key '{key.Id}' has no valid band.", nameof(keys));
            }

            _keys[i] = key;
        }
    }

    /// <summary>Number of keys.</summary>
    public int Count => _keys.Length;

    /// <summary>The key at <paramref name="keyIndex"/>.</summary>
    public HitKey this[int keyIndex] => _keys[keyIndex];

    /// <summary>The best band among the keys in <paramref name="keyMask"/> (bit i = key index i); <see cref="BandCodes.NoBand"/> for none.</summary>
    public MatchBand BestBand(ulong keyMask)
    {
        var best = BandCodes.NoBand;
        for (var i = 0; i < _keys.Length; i++)
        {
            if ((keyMask & (1UL << i)) != 0 && _keys[i].Band > best)
            {
                best = _keys[i].Band;
            }
        }

        return best;
    }

    /// <summary>The ids of the keys in <paramref name="keyMask"/>, sorted ordinally.</summary>
    public string[] KeyIds(ulong keyMask)
    {
        var ids = new string[System.Numerics.BitOperations.PopCount(keyMask & AllKeysMask)];
        var n = 0;
        for (var i = 0; i < _keys.Length; i++)
        {
            if ((keyMask & (1UL << i)) != 0)
            {
                ids[n++] = _keys[i].Id;
            }
        }

        Array.Sort(ids, StringComparer.Ordinal);
        return ids;
    }

    private ulong AllKeysMask => _keys.Length == MaxKeys ? ulong.MaxValue : (1UL << _keys.Length) - 1;
}
