using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Matching.Index;

/// <summary>
/// Incremental hit detection for one matching project. Each batch of one party is indexed, then every token of the
/// batch that is not suppressed for that party is paired with the other parties' usable postings of the same
/// token; agreeing tokens of a record pair are grouped into one <see cref="Hit"/>. A late batch therefore finds its
/// hits against everything before it, and a pair never lies within one party.
/// </summary>
/// <remarks>
/// <para>Fanout is decided per batch: a batch's postings are all added before any is paired, so a batch that puts more
/// than max_fanout records of its party on a token yields no hits for it. When a later batch crosses the threshold,
/// hits already found stay (they are recorded facts; withdrawing them would make results depend on timing in a
/// harder-to-explain way): only pairs formed from then on ignore the party's postings for that token. Replacing a
/// party's data set with <see cref="RemoveParty"/> and re-adding it in one batch gives the order-independent result.</para>
/// <para>Tokens must already be re-keyed (<see cref="TokenBatch.Rekey"/>). Not thread-safe: one writer per project.</para>
/// </remarks>
public sealed partial class HitDetector
{
    // Tokens between a bucket's prefetch and its use: enough to cover a memory access, few enough to stay in cache.
    private const int PrefetchDistance = 8;

    private readonly string _projectId;
    private readonly string[] _partyCodes;
    private readonly HandleTable[] _handles;
    private readonly ILogger _logger;
    private readonly Dictionary<HitPair, int> _hitsByPair = [];
    private Hit[] _hits = new Hit[16];
    private int[] _stamps = new int[16];
    private ulong[] _masksBefore = new ulong[16];
    private int[] _pairable = []; // (entry, ordinal) of a batch's postings on tokens held before; kept for the next batch
    private int _hitCount;
    private int _batchStamp;

    /// <summary>Creates an empty detector for a project.</summary>
    public HitDetector(HitDetectorOptions options, ILogger<HitDetector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        HitIdentity.ValidateProjectId(options.ProjectId);
        var codes = options.PartyCodes ?? throw new ArgumentException("The options need the project roster.", nameof(options));
        if (codes.Count is 0 or > TokenIndex.MaxParties)
        {
            throw new ArgumentException($"A project needs 1 to {TokenIndex.MaxParties} parties; got {codes.Count}.", nameof(options));
        }

        _partyCodes = new string[codes.Count];
        _handles = new HandleTable[codes.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            HitIdentity.ValidatePartyCode(codes[i]);
            if (!seen.Add(codes[i]))
            {
                throw new ArgumentException($"Party code {codes[i]} appears twice in the roster.", nameof(options));
            }

            _partyCodes[i] = codes[i];
            _handles[i] = new HandleTable();
        }

        _projectId = options.ProjectId;
        Keys = new HitKeySchema(options.Keys);
        Index = new TokenIndex(options.MaxFanout, options.InitialTokenCapacity);
        _logger = logger ?? NullLogger<HitDetector>.Instance;
    }

    /// <summary>The project's token index.</summary>
    public TokenIndex Index { get; }

    /// <summary>The project's match keys.</summary>
    public HitKeySchema Keys { get; }

    /// <summary>Number of parties in the roster.</summary>
    public int PartyCount => _partyCodes.Length;

    /// <summary>All current hits, in order of discovery (valid until the next change).</summary>
    public ReadOnlySpan<Hit> Hits => _hits.AsSpan(0, _hitCount);

    /// <summary>The code of party number <paramref name="party"/>.</summary>
    public string GetPartyCode(int party) => _partyCodes[CheckParty(party)];

    /// <summary>The number of the party with code <paramref name="partyCode"/>, or -1.</summary>
    public int GetPartyNumber(string partyCode) => Array.IndexOf(_partyCodes, partyCode);

    /// <summary>The handle table of party number <paramref name="party"/>.</summary>
    public HandleTable GetHandles(int party) => _handles[CheckParty(party)];

    /// <summary>Number of tokens suppressed for <paramref name="party"/> by the fanout rule. Report only to that party.</summary>
    public int SuppressedTokenCount(int party) => Index.SuppressedTokenCount(CheckParty(party));

    /// <summary>Looks up the hit of a record pair (either order).</summary>
    public bool TryGetHit(Posting first, Posting second, out Hit hit)
    {
        if (_hitsByPair.TryGetValue(PairOf(first.Party, first.Ordinal, second.Party, second.Ordinal), out var at))
        {
            hit = _hits[at];
            return true;
        }

        hit = default;
        return false;
    }

    /// <summary>
    /// Indexes one batch of <paramref name="party"/> and returns the hits it created or updated, each once with its
    /// state after the batch. The batch is validated first, so an invalid batch changes nothing.
    /// </summary>
    public IReadOnlyList<HitChange> AddBatch(int party, TokenBatch batch)
    {
        CheckParty(party);
        ArgumentNullException.ThrowIfNull(batch);
        ValidateKeys(batch);

        var handles = _handles[party];
        var suppressedBefore = Index.SuppressedTokenCount(party);
        var pairable = 0;
        var tokenCount = batch.TokenCount;
        for (var token = 0; token < Math.Min(PrefetchDistance, tokenCount); token++)
        {
            Index.Prefetch(batch.GetKeyIndex(token), batch.GetToken(token));
        }

        for (var record = 0; record < batch.RecordCount; record++)
        {
            var ordinal = handles.GetOrAdd(batch.GetHandle(record));
            var tokens = batch.GetTokenRange(record);
            for (var token = tokens.Start.Value; token < tokens.End.Value; token++)
            {
                // Random tokens make every insert a cache miss in a large table: start the load a few tokens early.
                var ahead = token + PrefetchDistance;
                if (ahead < tokenCount)
                {
                    Index.Prefetch(batch.GetKeyIndex(ahead), batch.GetToken(ahead));
                }

                var result = Index.AddPosting(batch.GetKeyIndex(token), batch.GetToken(token), party, ordinal, out var entry, out var alone);
                if (result == PostingAddResult.Added && !alone)
                {
                    // Only a token some record already held can pair; most tokens are new and skip the second pass.
                    if (pairable + 2 > _pairable.Length)
                    {
                        Array.Resize(ref _pairable, Math.Max(64, _pairable.Length * 2));
                    }

                    _pairable[pairable++] = entry;
                    _pairable[pairable++] = ordinal;
                }
            }
        }

        _batchStamp++;
        var touched = new List<int>();
        for (var i = 0; i < pairable; i += 2)
        {
            var entry = _pairable[i];
            if (Index.IsSuppressed(entry, party))
            {
                continue; // crossed the fanout later in this same batch
            }

            var keyBit = 1UL << Index.GetKeyIndex(entry);
            foreach (var other in Index.GetActivePostings(entry))
            {
                if (other.Party != party)
                {
                    Agree(party, _pairable[i + 1], other, keyBit, touched);
                }
            }
        }

        return Changes(party, batch, touched, Index.SuppressedTokenCount(party) - suppressedBefore);
    }

    /// <summary>
    /// Removes the data set of <paramref name="party"/> (it is being replaced): its postings, its handles and every
    /// hit involving it, which is returned so the caller can withdraw them. Re-adding the data set recomputes them,
    /// with the same ids when the handles are the same.
    /// </summary>
    public IReadOnlyList<Hit> RemoveParty(int party)
    {
        CheckParty(party);
        Index.RemoveParty(party);
        _handles[party].Clear();

        var withdrawn = new List<Hit>();
        var kept = 0;
        _hitsByPair.Clear();
        for (var i = 0; i < _hitCount; i++)
        {
            var hit = _hits[i];
            if (hit.Involves(party))
            {
                withdrawn.Add(hit);
                continue;
            }

            _hits[kept] = hit;
            _stamps[kept] = _stamps[i];
            _masksBefore[kept] = _masksBefore[i];
            _hitsByPair.Add(new HitPair(hit.PartyA, hit.OrdinalA, hit.PartyB, hit.OrdinalB), kept);
            kept++;
        }

        Array.Clear(_hits, kept, _hitCount - kept);
        _hitCount = kept;
        IndexLog.PartyRemoved(_logger, _partyCodes[party], withdrawn.Count);
        return withdrawn;
    }

    /// <summary>
    /// The part of <paramref name="hit"/> that <paramref name="party"/> may see. Throws when the party is not in the hit.
    /// </summary>
    public PartyHitView ViewFor(int party, in Hit hit)
    {
        CheckParty(party);
        int ownOrdinal, other;
        if (party == hit.PartyA)
        {
            (ownOrdinal, other) = (hit.OrdinalA, hit.PartyB);
        }
        else if (party == hit.PartyB)
        {
            (ownOrdinal, other) = (hit.OrdinalB, hit.PartyA);
        }
        else
        {
            throw new ArgumentException($"Party {_partyCodes[party]} is not part of hit {hit.Id}.", nameof(party));
        }

        return new PartyHitView(hit.Id, _handles[party].GetHandle(ownOrdinal), _partyCodes[other], hit.Band, Keys.KeyIds(hit.KeyMask));
    }

    private static HitPair PairOf(int partyA, int ordinalA, int partyB, int ordinalB) =>
        partyA < partyB ? new HitPair(partyA, ordinalA, partyB, ordinalB) : new HitPair(partyB, ordinalB, partyA, ordinalA);

    private void Agree(int party, int ordinal, Posting other, ulong keyBit, List<int> touched)
    {
        var pair = PairOf(party, ordinal, other.Party, other.Ordinal);
        if (!_hitsByPair.TryGetValue(pair, out var at))
        {
            at = _hitCount;
            if (at == _hits.Length)
            {
                Array.Resize(ref _hits, at * 2);
                Array.Resize(ref _stamps, at * 2);
                Array.Resize(ref _masksBefore, at * 2);
            }

            var id = HitIdentity.Compute(
                _projectId,
                _partyCodes[pair.PartyA], _handles[pair.PartyA][pair.OrdinalA],
                _partyCodes[pair.PartyB], _handles[pair.PartyB][pair.OrdinalB]);
            _hits[at] = new Hit(id, pair.PartyA, pair.OrdinalA, pair.PartyB, pair.OrdinalB, BandCodes.NoBand, 0);
            _stamps[at] = 0;
            _hitsByPair.Add(pair, at);
            _hitCount++;
        }

        var hit = _hits[at];
        if ((hit.KeyMask & keyBit) != 0)
        {
            return;
        }

        if (_stamps[at] != _batchStamp)
        {
            _stamps[at] = _batchStamp;
            _masksBefore[at] = hit.KeyMask;
            touched.Add(at);
        }

        var mask = hit.KeyMask | keyBit;
        _hits[at] = hit with { KeyMask = mask, Band = Keys.BestBand(mask) };
    }

    private List<HitChange> Changes(int party, TokenBatch batch, List<int> touched, int suppressed)
    {
        var changes = new List<HitChange>(touched.Count);
        var updated = 0;
        foreach (var at in touched)
        {
            var before = _masksBefore[at];
            if (before == 0)
            {
                changes.Add(new HitChange(HitChangeKind.New, _hits[at], null));
            }
            else
            {
                changes.Add(new HitChange(HitChangeKind.Updated, _hits[at], Keys.BestBand(before)));
                updated++;
            }
        }

        IndexLog.BatchIndexed(_logger, _partyCodes[party], batch.RecordCount, batch.TokenCount, changes.Count - updated, updated, suppressed);
        return changes;
    }

    private void ValidateKeys(TokenBatch batch)
    {
        for (var token = 0; token < batch.TokenCount; token++)
        {
            if (batch.GetKeyIndex(token) >= Keys.Count)
            {
                throw new ArgumentException(
                    $"Token {token} of the batch has key index {batch.GetKeyIndex(token)}, but the schema has {Keys.Count} keys.",
                    nameof(batch));
            }
        }
    }

    private int CheckParty(int party)
    {
        if ((uint)party >= (uint)_partyCodes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(party), $"Party number {party} is outside the roster of {_partyCodes.Length}.");
        }

        return party;
    }
}
