using Aquila.Matching.Index;
using Aquila.Matching.Scoring;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Stage2;

/// <summary>
/// Stage 2 of one project in the matcher (DESIGN §3, issue 16): block tokens → postings with their vectors; a new
/// record's blocks meet the other parties' postings under the same token and each new cross-party pair is compared
/// once; when the project enters Matching the model is fitted on all candidates (patterns counted, in code order) and
/// every candidate is banded; a candidate added later is scored with that model. Deterministic: the same batches in the
/// same order and the same model give the same candidates, scores and order. Not thread-safe: the matcher applies
/// batches one at a time.
/// </summary>
internal sealed partial class ProjectScoring
{
    /// <summary>Fewest live candidates the model is fitted on; with fewer, the starting model scores.</summary>
    public const int MinCandidatesToFit = 50;

    private readonly CandidateIndex _index;
    private readonly CandidatePairs _pairs = new();
    private readonly Dictionary<HitId, int> _byHitId = [];
    private readonly Dictionary<int, (HitId Id, bool Stage2Only, MatchBand Band)> _published = []; // the band as published
    private readonly int _parties;
    private byte[]? _modelPayload;

    public ProjectScoring(ScoringSpec spec, int parties, int vectorLength)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Scorer = new PairScorer(spec);
        if (Scorer.FieldCount > MaxFields)
        {
            throw new ArgumentException(
                $"The schema's scoring section declares {Scorer.FieldCount} comparison fields; the matcher keeps a pair's levels in 64 bits, at most {MaxFields} fields.",
                nameof(spec));
        }

        VectorLength = vectorLength;
        Thresholds = BandThresholds.Of(spec);
        _parties = parties;
        var caps = new int[spec.Blocks.Count];
        for (var b = 0; b < caps.Length; b++)
        {
            caps[b] = spec.BlockFanout(b);
        }

        _index = new CandidateIndex(vectorLength, spec.MaxBlockFanout, parties, caps);
    }

    /// <summary>Comparison fields a candidate's level pattern holds (4 bits each in a 64-bit code).</summary>
    public const int MaxFields = 16;

    public PairScorer Scorer { get; }

    public int VectorLength { get; }

    /// <summary>The model fitted when the project entered Matching; null before.</summary>
    public FellegiSunterModel? Model { get; private set; }

    /// <summary>The band thresholds chosen with the fit (<see cref="BandThresholds.For"/>); the schema's before it.</summary>
    public BandThresholds Thresholds { get; private set; }

    public CandidatePairs Pairs => _pairs;

    /// <summary>Candidate pairs that are live now (share at least one usable block).</summary>
    public int LiveCandidates => _pairs.LiveCount();

    /// <summary>Postings stored.</summary>
    public int Postings => _index.Count;

    /// <summary>Bytes the postings, vectors and candidates take (approximately).</summary>
    public long Bytes => _index.Bytes + _pairs.Bytes;

    /// <summary>Why a batch's stage-2 part cannot be taken, or null. Counts and positions only.</summary>
    public string? CheckBatch(TokenBatch batch)
    {
        if (batch.VectorLength == 0)
        {
            return null;
        }

        if (batch.VectorLength != VectorLength)
        {
            return $"The batch carries comparison vectors of {batch.VectorLength} bytes; the project's schema has {VectorLength}. Tokenise again.";
        }

        for (var i = 0; i < batch.BlockCount; i++)
        {
            if (batch.GetBlockIndex(i) >= Scorer.Scoring.Blocks.Count)
            {
                return $"Block entry {i} of the batch names block {batch.GetBlockIndex(i)}; the schema has {Scorer.Scoring.Blocks.Count}.";
            }
        }

        return null;
    }

    /// <summary>
    /// Adds the block entries of <paramref name="party"/>'s batch (block tokens as the log keeps them, re-keyed). Returns
    /// the candidate slots that became live (new, or supported again) or were compared again under another block, for the
    /// caller to score and publish once the model exists; before that the list is still returned, and <see cref="Start"/>
    /// scores them all.
    /// </summary>
    public List<int> AddBatch(int party, TokenBatch batch, HandleTable handles)
    {
        if (batch.VectorLength == 0)
        {
            return [];
        }

        var ordinals = new int[batch.RecordCount];
        for (var record = 0; record < ordinals.Length; record++)
        {
            ordinals[record] = handles.IndexOf(batch.GetHandle(record));
        }

        return AddBatch(party, batch, ordinals);
    }

    /// <summary>
    /// <see cref="AddBatch(int, TokenBatch, HandleTable)"/> with each record's ordinal given (record i has
    /// <paramref name="ordinals"/>[i]): the stage-2 worker resolves them when the batch is applied and does this later.
    /// </summary>
    public List<int> AddBatch(int party, TokenBatch batch, ReadOnlySpan<int> ordinals)
    {
        var live = new List<int>();
        if (batch.VectorLength == 0)
        {
            return live;
        }

        Span<int> perParty = stackalloc int[_parties];
        Span<byte> levels = stackalloc byte[Scorer.FieldCount];
        for (var record = 0; record < batch.RecordCount; record++)
        {
            var ordinal = ordinals[record];
            var blocks = batch.GetBlockRange(record);
            var (block, rank) = (-1, 0);
            for (var entry = blocks.Start.Value; entry < blocks.End.Value; entry++)
            {
                // The value's rank among the record's values of its block: the node writes a block's values together.
                var index = batch.GetBlockIndex(entry);
                (block, rank) = index == block ? (block, rank + 1) : (index, 0);
                var order = CandidateIndex.BlockOrder(index, rank);
                AddPosting(party, ordinal, order, CandidateIndex.Key(batch.GetBlockToken(entry)), batch.GetVector(entry), perParty, levels, live);
            }
        }

        return live;
    }

    private void AddPosting(int party, int ordinal, ushort order, UInt128 token, ReadOnlySpan<byte> vector, Span<int> perParty, Span<byte> levels,
        List<int> live)
    {
        var id = _index.TokenId(token);
        var head = _index.First(id);
        _index.CountParties(id, perParty);
        var cap = _index.CapOf(order);
        if (perParty[party] > cap)
        {
            return; // the party already left this block value
        }

        if (perParty[party] == cap)
        {
            LeaveBlock(party, id, ordinal, order, vector, perParty, levels, live);
            return;
        }

        _index.Add(id, party, ordinal, order, vector);
        for (var other = head; other >= 0;)
        {
            // One read of the other posting's fields (party, ordinal, order, link): the chain is scattered in memory.
            ref readonly var entry = ref _index.Entry(other);
            var (at0, otherParty, otherOrdinal, otherOrder) = (other, (int)entry.Party, entry.Ordinal, (int)entry.Order);
            other = entry.Next;
            if (otherParty == CandidateIndex.RemovedParty || otherParty == party || perParty[otherParty] > cap)
            {
                continue;
            }

            var ownFirst = party < otherParty;
            var key = ownFirst ? KeyOfOrders(order, otherOrder) : KeyOfOrders(otherOrder, order);
            var theirs = _index.Vector(at0);
            var vectorA = ownFirst ? vector : theirs;
            var vectorB = ownFirst ? theirs : vector;
            if (_pairs.TryFind(PairOf(party, ordinal, otherParty, otherOrdinal), out var at))
            {
                // The pair is compared under its lowest usable shared block (ComparingBlock): again when this one is
                // lower, or when it is the only usable one (the pair had lost every other).
                var regained = _pairs.Support(at) == 0;
                if (regained || key < _pairs.ComparedUnder(at))
                {
                    Scorer.Compare(vectorA, vectorB, levels);
                    _pairs.Recompared(at, Pack(levels), key);
                    live.Add(at);
                }

                _pairs.AddSupport(at, 1);
                continue;
            }

            // Compared in party order under this block's salt; the level pattern is kept, the vectors are not copied.
            Scorer.Compare(vectorA, vectorB, levels);
            at = _pairs.Add(PairOf(party, ordinal, otherParty, otherOrdinal), Pack(levels), key);
            live.Add(at);
        }
    }

    // This record takes the party past the cap: the block value is no longer used for it, retroactively too. A pair
    // compared under this block and still sharing another usable one is compared again under the lowest of those.
    private void LeaveBlock(int party, int id, int ordinal, ushort order, ReadOnlySpan<byte> vector, Span<int> perParty, Span<byte> levels,
        List<int> live)
    {
        var head = _index.First(id);
        List<(int At, int Own, int Other)>? moved = null;
        var cap = _index.CapOf(order);
        for (var own = head; own >= 0; own = _index.Next(own))
        {
            if (_index.IsRemoved(own) || _index.Party(own) != party)
            {
                continue;
            }

            for (var other = head; other >= 0; other = _index.Next(other))
            {
                if (!_index.IsRemoved(other) && _index.Party(other) != party && perParty[_index.Party(other)] <= cap
                    && _pairs.TryFind(PairOf(party, _index.Ordinal(own), _index.Party(other), _index.Ordinal(other)), out var at))
                {
                    _pairs.AddSupport(at, -1);
                    if (_pairs.Support(at) > 0 && _pairs.ComparedUnder(at) == (party < _index.Party(other) ? KeyOf(own, other) : KeyOf(other, own)))
                    {
                        (moved ??= []).Add((at, own, other));
                    }
                }
            }
        }

        _index.Add(id, party, ordinal, order, vector);
        if (moved is null)
        {
            return;
        }

        foreach (var (at, own, other) in moved)
        {
            if (LowestSharedBlock(own, other, perParty) is var (a, b, key) && key != ComparingBlock.Unknown)
            {
                Scorer.Compare(_index.Vector(a), _index.Vector(b), levels);
                _pairs.Recompared(at, Pack(levels), key);
                live.Add(at);
            }
        }
    }

    // The lowest usable block the records of postings own and other still share, as (posting of the lower party, posting
    // of the other, key); a record's postings are neighbours in the index (CandidateIndex.RecordRange).
    private (int A, int B, int Key) LowestSharedBlock(int own, int other, Span<int> perParty)
    {
        var (ownParty, otherParty, otherOrdinal) = (_index.Party(own), _index.Party(other), _index.Ordinal(other));
        var best = (A: -1, B: -1, Key: ComparingBlock.Unknown);
        var range = _index.RecordRange(own);
        for (var mine = range.Start.Value; mine < range.End.Value; mine++)
        {
            var head = _index.First(_index.TokenOf(mine));
            _index.CountParties(_index.TokenOf(mine), perParty);
            var cap = _index.CapOf(_index.Order(mine));
            if (perParty[ownParty] > cap || perParty[otherParty] > cap)
            {
                continue;
            }

            for (var theirs = head; theirs >= 0; theirs = _index.Next(theirs))
            {
                if (_index.Party(theirs) == otherParty && _index.Ordinal(theirs) == otherOrdinal)
                {
                    var (a, b) = ownParty < otherParty ? (mine, theirs) : (theirs, mine);
                    var key = KeyOf(a, b);
                    if (key < best.Key)
                    {
                        best = (a, b, key);
                    }

                    break;
                }
            }
        }

        return best;
    }

    // The comparing-block key of postings a (the lower party's) and b under one token.
    private int KeyOf(int a, int b) => KeyOfOrders(_index.Order(a), _index.Order(b));

    // The comparing-block key of two postings' block orders under one token, the lower party's first.
    private static int KeyOfOrders(int orderA, int orderB) =>
        orderA == CandidateIndex.UnknownOrder || orderB == CandidateIndex.UnknownOrder
            ? ComparingBlock.Unknown
            : ComparingBlock.Key(orderA >> 4, orderA & 0xF, orderB & 0xF);

    /// <summary>Fits the model on every live candidate (patterns counted, in code order) and returns it as the log keeps it.</summary>
    public byte[] Fit()
    {
        var counts = new SortedDictionary<ulong, long>();
        var live = _pairs.LiveInPairOrder();
        foreach (var at in live)
        {
            var code = _pairs.Levels(at);
            counts[code] = counts.TryGetValue(code, out var n) ? n + 1 : 1;
        }

        var patterns = new List<(byte[] Levels, long Count)>(counts.Count);
        foreach (var (code, count) in counts)
        {
            var levels = new byte[Scorer.FieldCount];
            Unpack(code, levels);
            patterns.Add((levels, count));
        }

        // EM on a handful of pairs is degenerate (every pattern looks like a match): below the floor the schema's
        // starting model scores instead of a fit.
        var model = live.Count < MinCandidatesToFit ? Scorer.StartingModel() : Scorer.Fit(patterns);
        return ScoringStartCodec.Encode(model, live.Count, Scorer.Thresholds(model));
    }

    /// <summary>
    /// Starts scoring with the model of a scoring-start record (fitted now, or read back in a replay) and scores every
    /// live candidate. Returns their slots in pair order.
    /// </summary>
    public List<int> Start(byte[] modelPayload)
    {
        (Model, Thresholds) = ScoringStartCodec.Decode(modelPayload, Scorer.Fields, BandThresholds.Of(Scorer.Scoring));
        _modelPayload = modelPayload;
        var live = _pairs.LiveInPairOrder();
        foreach (var at in live)
        {
            Score(at);
        }

        return live;
    }

    /// <summary>Scores one candidate with the model.</summary>
    public void Score(int at)
    {
        Span<byte> levels = stackalloc byte[Scorer.FieldCount];
        Unpack(_pairs.Levels(at), levels);
        var band = Scorer.Band(Model!, Thresholds, levels, out var posterior);
        _pairs.SetScore(at, posterior, band);
    }

    /// <summary>Notes the hit id of a scored candidate so its hit can say why (<see cref="TryDescribe"/>).</summary>
    public void Register(HitId id, int at) => _byHitId[id] = at;

    /// <summary>
    /// Notes that stage 2 published the candidate's band (a new hit, or a lifted stage-1 hit); kept as published, since a
    /// later comparison under another block may score the pair again but never changes a released band.
    /// </summary>
    public void MarkPublished(int at, HitId id, bool stage2Only) => _published[at] = (id, stage2Only, _pairs.Band(at));

    /// <summary>The band stage 2 published for a pair, or null.</summary>
    /// <remarks>Before anything is published (before the fit) it reads nothing else, so the matcher may ask while the
    /// stage-2 worker changes the candidates.</remarks>
    public MatchBand? PublishedBand(HitPair pair) =>
        _published.Count > 0 && _pairs.TryFind(pair, out var at) && _published.TryGetValue(at, out var published) ? published.Band : null;

    public bool IsPublished(int at) => _published.ContainsKey(at);

    /// <summary>The score and agreement text of a hit whose pair was scored; false for a hit stage 2 did not score.</summary>
    public bool TryDescribe(HitId id, out double posterior, out IReadOnlyList<string> agreement)
    {
        if (Model is not null && _byHitId.TryGetValue(id, out var at) && !double.IsNaN(_pairs.Posterior(at)))
        {
            posterior = _pairs.Posterior(at);
            Span<byte> levels = stackalloc byte[Scorer.FieldCount];
            Unpack(_pairs.Levels(at), levels);
            agreement = Scorer.DescribeFields(levels);
            return true;
        }

        posterior = 0;
        agreement = [];
        return false;
    }

    /// <summary>
    /// Withdraws <paramref name="party"/>'s postings and candidates (its data set is replaced). Returns the hits that
    /// stage 2 alone made for it, in slot order, for the caller to withdraw.
    /// </summary>
    public List<(HitId Id, HitPair Pair, MatchBand Band)> RemoveParty(int party)
    {
        _index.RemoveParty(party);
        var withdrawn = new List<(HitId, HitPair, MatchBand)>();
        foreach (var at in _pairs.RemoveParty(party))
        {
            if (_published.Remove(at, out var published))
            {
                _byHitId.Remove(published.Id);
                if (published.Stage2Only)
                {
                    withdrawn.Add((published.Id, _pairs.Pair(at), published.Band));
                }
            }
        }

        // Hit ids of the party's stage-1 hits that were scored (not published by stage 2) go too.
        var stale = new List<HitId>();
        foreach (var (id, at) in _byHitId)
        {
            if (_pairs.Support(at) < 0)
            {
                stale.Add(id);
            }
        }

        foreach (var id in stale)
        {
            _byHitId.Remove(id);
        }

        return withdrawn;
    }

    internal static HitPair PairOf(int partyA, int ordinalA, int partyB, int ordinalB) =>
        partyA < partyB ? new HitPair(partyA, ordinalA, partyB, ordinalB) : new HitPair(partyB, ordinalB, partyA, ordinalA);

    private static ulong Pack(ReadOnlySpan<byte> levels)
    {
        ulong code = 0;
        foreach (var level in levels)
        {
            code = (code << 4) | level;
        }

        return code;
    }

    private static void Unpack(ulong code, Span<byte> levels)
    {
        for (var f = levels.Length - 1; f >= 0; f--)
        {
            levels[f] = (byte)(code & 0xF);
            code >>= 4;
        }
    }
}
