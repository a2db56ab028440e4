using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Aquila.Matching.Index;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Lists;

/// <summary>
/// A list's state in memory, built only from logged records (so a replay gives the same state and the same event
/// sequences): entries in slots of one array, found by (contributor, handle); postings per (key index, re-keyed token)
/// naming slots; the duplicates already reported (hit id → agreeing keys) and each contributor's notification stream.
/// Kept compact for lists of millions (docs/lists.md, "Memory"). Not thread-safe.
/// </summary>
internal sealed class ListState
{
    private readonly ListDefinition _definition;
    private readonly HitKeySchema _schema;
    private readonly Dictionary<EntryKey, int> _entries = [];
    private readonly Stack<int> _freeSlots = new();
    private readonly Dictionary<TokenRef, TokenPostings> _postings = [];
    private readonly Dictionary<HitId, ulong> _reported = [];
    private readonly HashSet<HitId> _notifiedQueryHits = [];
    private readonly int[] _entryCounts;
    private readonly Dictionary<int, int>[] _reviewDays;
    private readonly int[] _latestReviewDay;
    private readonly int[] _publishedReviewDay;
    private HeldEntry[] _slots = new HeldEntry[16];
    private int _slotsUsed;

    public ListState(ListDefinition definition)
    {
        _definition = definition;
        _schema = new HitKeySchema(definition.Keys);
        _entryCounts = new int[definition.Contributors.Count];
        _reviewDays = new Dictionary<int, int>[definition.Contributors.Count];
        _latestReviewDay = new int[definition.Contributors.Count];
        _publishedReviewDay = new int[definition.Contributors.Count];
        for (var i = 0; i < _reviewDays.Length; i++)
        {
            _reviewDays[i] = [];
            _latestReviewDay[i] = NoEntry;
            _publishedReviewDay[i] = NoEntry;
        }

        Events = new List<ListHitEvent>[definition.Contributors.Count];
        for (var i = 0; i < Events.Length; i++)
        {
            Events[i] = [];
        }
    }

    /// <summary>Each contributor's notification stream; entry i has sequence i + 1.</summary>
    public List<ListHitEvent>[] Events { get; }

    public HitKeySchema Schema => _schema;

    /// <summary>What <see cref="LatestReviewDay"/> gives for a contributor that holds no entry.</summary>
    public const int NoEntry = int.MinValue;

    public int EntryCount(int contributor) => _entryCounts[contributor];

    /// <summary>
    /// The latest review day of <paramref name="contributor"/>'s entries (<see cref="NoEntry"/> when it holds none): it holds
    /// an entry that still matches on day d exactly when this is ≥ d. Safe to read from any thread (one aligned int); it is
    /// published once a change is applied whole, so a re-confirmation never shows a moment without entries.
    /// </summary>
    public int LatestReviewDay(int contributor) => Volatile.Read(ref _publishedReviewDay[contributor]);

    public int ContributorIndex(string party)
    {
        for (var i = 0; i < _definition.Contributors.Count; i++)
        {
            if (string.Equals(_definition.Contributors[i], party, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Applies a logged change; returns (added: entries new to the list, re-confirmed: entries it held already, removed,
    /// duplicate events). A replace removes only the contributor's entries that are not in it; the others are re-confirmed.
    /// </summary>
    public (int Added, int Reconfirmed, int Removed, int Events) Apply(ListChange change)
    {
        var contributor = ContributorIndex(change.Contributor);
        if (contributor < 0)
        {
            throw new InvalidDataException($"The list log holds a change of party {change.Contributor}, which is not a contributor.");
        }

        var removed = 0;
        if (change.Kind == ListChangeKind.Replace)
        {
            var kept = new HashSet<UInt128>(change.Entries.Count);
            foreach (var entry in change.Entries)
            {
                kept.Add(entry.Handle);
            }

            var own = new List<EntryKey>();
            foreach (var key in _entries.Keys)
            {
                if (key.Contributor == contributor && !kept.Contains(key.Handle))
                {
                    own.Add(key);
                }
            }

            foreach (var key in own)
            {
                removed += Remove(key) ? 1 : 0;
            }
        }

        foreach (var handle in change.Removed)
        {
            removed += Remove(new EntryKey(contributor, handle)) ? 1 : 0;
        }

        var reconfirmed = 0;
        foreach (var entry in change.Entries)
        {
            var key = new EntryKey(contributor, entry.Handle);
            reconfirmed += Remove(key) ? 1 : 0;
            Add(key, entry);
        }

        // Duplicates once every entry of the change is in: entries of one contributor never pair, so the order is irrelevant.
        var day = DayOf(change.AtUnixMs);
        var events = 0;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(change.AtUnixMs);
        foreach (var entry in change.Entries)
        {
            events += ReportDuplicates(new EntryKey(contributor, entry.Handle), entry, day, at);
        }

        Volatile.Write(ref _publishedReviewDay[contributor], _latestReviewDay[contributor]);
        return (change.Entries.Count - reconfirmed, reconfirmed, removed, events);
    }

    /// <summary>The entries of other contributors that <paramref name="rekeyedEntries"/> hit on <paramref name="day"/>, with agreeing keys.</summary>
    public Dictionary<EntryKey, ulong>? Lookup(string querier, ReadOnlySpan<byte> rekeyedEntries, int day)
    {
        // Made at the first hit: most persons asked hit nothing, and then nothing is allocated.
        Dictionary<EntryKey, ulong>? hits = null;
        for (var at = 0; at < rekeyedEntries.Length; at += ListRecordCodec.TokenEntryLength)
        {
            var token = new TokenRef(rekeyedEntries, at);
            if (!_postings.TryGetValue(token, out var postings))
            {
                continue;
            }

            for (var i = 0; i < postings.Count; i++)
            {
                ref readonly var entry = ref _slots[postings[i]];
                if (string.Equals(_definition.Contributors[entry.Key.Contributor], querier, StringComparison.Ordinal)
                    || !entry.MatchesOn(day))
                {
                    continue;
                }

                hits ??= [];
                hits[entry.Key] = hits.GetValueOrDefault(entry.Key) | (1UL << token.KeyIndex);
            }
        }

        return hits;
    }

    /// <summary>
    /// Publishes a logged query's hits to the contributors whose entries it hit; returns the notifications published. A
    /// query hit id covers the querying party, its case reference and the entry, so the same case asking again about the
    /// same entry is one follow-up: its contributor is notified once (the audit chain keeps every query).
    /// </summary>
    public int Apply(QueryHitsRecord record)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(record.AtUnixMs);
        var published = 0;
        foreach (var hit in record.Hits)
        {
            if (hit.Contributor >= Events.Length)
            {
                throw new InvalidDataException("The list log holds a query hit of an unknown contributor.");
            }

            if (!_notifiedQueryHits.Add(hit.HitId))
            {
                continue;
            }

            published++;
            var events = Events[hit.Contributor];
            events.Add(new ListHitEvent(events.Count + 1, ListHitEventKind.Query, hit.HitId, ListRecordCodec.ToRecordHandle(hit.Handle),
                record.Querier, _schema.BestBand(hit.KeyMask), _schema.KeyIds(hit.KeyMask), record.CaseReference, at, record.Evidence));
        }

        return published;
    }

    public static int DayOf(long unixMs) => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime).DayNumber;

    private void Add(EntryKey key, StoredEntry entry)
    {
        var slot = TakeSlot();
        _slots[slot] = new HeldEntry(key, entry.Tokens, entry.ReviewDay, entry.Category);
        _entries.Add(key, slot);
        _entryCounts[key.Contributor]++;
        CountReviewDay(key.Contributor, entry.ReviewDay, +1);
        var tokens = entry.Tokens;
        for (var at = 0; at < tokens.Length; at += ListRecordCodec.TokenEntryLength)
        {
            ref var postings = ref CollectionsMarshal.GetValueRefOrAddDefault(_postings, new TokenRef(tokens, at), out var exists);
            if (exists)
            {
                postings.Add(slot);
            }
            else
            {
                postings = new TokenPostings(slot);
            }
        }
    }

    private bool Remove(EntryKey key)
    {
        if (!_entries.Remove(key, out var slot))
        {
            return false;
        }

        _entryCounts[key.Contributor]--;
        CountReviewDay(key.Contributor, _slots[slot].ReviewDay, -1);
        var tokens = _slots[slot].Tokens;
        for (var at = 0; at < tokens.Length; at += ListRecordCodec.TokenEntryLength)
        {
            var token = new TokenRef(tokens, at);
            ref var postings = ref CollectionsMarshal.GetValueRefOrNullRef(_postings, token);
            if (!Unsafe.IsNullRef(ref postings) && postings.Remove(slot))
            {
                _postings.Remove(token);
            }
        }

        _slots[slot] = default;
        _freeSlots.Push(slot);
        return true;
    }

    // Entries per review day of each contributor (few distinct days), so the latest one is known without a scan of entries.
    private void CountReviewDay(int contributor, int day, int delta)
    {
        var days = _reviewDays[contributor];
        var count = days.GetValueOrDefault(day) + delta;
        if (count > 0)
        {
            days[day] = count;
        }
        else
        {
            days.Remove(day);
        }

        if (delta > 0)
        {
            if (day > _latestReviewDay[contributor])
            {
                _latestReviewDay[contributor] = day;
            }

            return;
        }

        // A scan only when the last entry of the latest day went.
        if (count <= 0 && day == _latestReviewDay[contributor])
        {
            var latest = NoEntry;
            foreach (var known in days.Keys)
            {
                latest = Math.Max(latest, known);
            }

            _latestReviewDay[contributor] = latest;
        }
    }

    private int TakeSlot()
    {
        if (_freeSlots.TryPop(out var slot))
        {
            return slot;
        }

        if (_slotsUsed == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        return _slotsUsed++;
    }

    // A duplicate is reported to both contributors when it is new or agrees on keys not reported before; a re-confirmed
    // entry with the same tokens reports nothing again.
    private int ReportDuplicates(EntryKey key, StoredEntry entry, int day, DateTimeOffset at)
    {
        if (!entry.MatchesOn(day))
        {
            return 0;
        }

        var others = new Dictionary<EntryKey, ulong>();
        var tokens = entry.Tokens;
        for (var i = 0; i < tokens.Length; i += ListRecordCodec.TokenEntryLength)
        {
            var token = new TokenRef(tokens, i);
            var postings = _postings[token];
            for (var p = 0; p < postings.Count; p++)
            {
                ref readonly var other = ref _slots[postings[p]];
                if (other.Key.Contributor != key.Contributor && other.MatchesOn(day))
                {
                    others[other.Key] = others.GetValueOrDefault(other.Key) | (1UL << token.KeyIndex);
                }
            }
        }

        var events = 0;
        Span<byte> own = stackalloc byte[RecordHandle.Size];
        Span<byte> theirs = stackalloc byte[RecordHandle.Size];
        BinaryPrimitives.WriteUInt128BigEndian(own, key.Handle);
        foreach (var (other, mask) in others)
        {
            BinaryPrimitives.WriteUInt128BigEndian(theirs, other.Handle);
            var ownCode = _definition.Contributors[key.Contributor];
            var otherCode = _definition.Contributors[other.Contributor];
            var hitId = HitIdentity.Compute(_definition.ProjectId, ownCode, own, otherCode, theirs);
            var before = _reported.GetValueOrDefault(hitId);
            var union = before | mask;
            if (union == before)
            {
                continue;
            }

            _reported[hitId] = union;
            var kind = before == 0 ? ListHitEventKind.Duplicate : ListHitEventKind.DuplicateUpdated;
            var band = _schema.BestBand(union);
            var keys = _schema.KeyIds(union);
            Publish(key.Contributor, kind, hitId, key.Handle, otherCode, band, keys, at);
            Publish(other.Contributor, kind, hitId, other.Handle, ownCode, band, keys, at);
            events += 2;
        }

        return events;
    }

    private void Publish(int contributor, ListHitEventKind kind, HitId hitId, UInt128 handle, string otherParty, MatchBand band,
        string[] keys, DateTimeOffset at)
    {
        var events = Events[contributor];
        events.Add(new ListHitEvent(events.Count + 1, kind, hitId, ListRecordCodec.ToRecordHandle(handle), otherParty, band, keys, null, at));
    }
}
