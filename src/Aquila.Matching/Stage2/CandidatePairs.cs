using Aquila.Matching.Index;
using Aquila.Matching.Scoring;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Stage2;

/// <summary>
/// The cross-party record pairs that share a usable block token: each compared once (its level pattern kept, packed
/// 4 bits per field in 64 bits, never its vectors), with how many shared tokens support it (a pair whose every token crossed the
/// fanout cap has support 0 and is no candidate), the key of the block it was compared under
/// (<see cref="ComparingBlock"/>), and, once scored, its posterior and band.
/// </summary>
internal sealed partial class CandidatePairs
{
    private readonly PairSlotIndex _byPair = new();
    private HitPair[] _pairs = [];
    private ulong[] _levels = [];
    private int[] _support = [];
    private float[] _posterior = [];
    private byte[] _band = [];
    private int[] _compared = [];
    private int _count;

    /// <summary>The comparing-block key of a candidate from an older snapshot, which did not keep it.</summary>
    public const int UnknownBlock = ComparingBlock.Unknown;

    /// <summary>Candidate slots (including those without support, and withdrawn ones).</summary>
    public int Count => _count;

    /// <summary>Bytes the candidates and their pair index take (arrays as allocated).</summary>
    public long Bytes => (37L * _pairs.Length) + _byPair.Bytes;

    public HitPair Pair(int at) => _pairs[at];

    public ulong Levels(int at) => _levels[at];

    public int Support(int at) => _support[at];

    /// <summary>The key of the block the candidate's levels were compared under (<see cref="ComparingBlock.Key"/>).</summary>
    public int ComparedUnder(int at) => _compared[at];

    public double Posterior(int at) => _posterior[at];

    /// <summary>The scored band, or <see cref="BandCodes.NoBand"/>.</summary>
    public MatchBand Band(int at) => BandCodes.TryRead(_band[at], out var band) ? band : BandCodes.NoBand;

    public bool TryFind(HitPair pair, out int at)
    {
        at = _byPair.Find(pair, _pairs);
        return at >= 0;
    }

    /// <summary>Adds a new candidate with support 1, compared under block key <paramref name="comparedUnder"/>; returns its slot.</summary>
    public int Add(HitPair pair, ulong levels, int comparedUnder)
    {
        if (_count == _pairs.Length)
        {
            var size = Math.Max(256, _pairs.Length * 2);
            Array.Resize(ref _pairs, size);
            Array.Resize(ref _levels, size);
            Array.Resize(ref _support, size);
            Array.Resize(ref _posterior, size);
            Array.Resize(ref _band, size);
            Array.Resize(ref _compared, size);
        }

        var at = _count++;
        _pairs[at] = pair;
        _levels[at] = levels;
        _compared[at] = comparedUnder;
        _support[at] = 1;
        _posterior[at] = float.NaN;
        _band[at] = 0;
        _byPair.Add(pair, at);
        return at;
    }

    /// <summary>Replaces the candidate's levels (compared again under another block); its score is cleared until scored again.</summary>
    public void Recompared(int at, ulong levels, int comparedUnder)
    {
        _levels[at] = levels;
        _compared[at] = comparedUnder;
        _posterior[at] = float.NaN;
    }

    public void AddSupport(int at, int delta) => _support[at] = Math.Max(0, _support[at] + delta);

    public void SetScore(int at, double posterior, MatchBand? band)
    {
        _posterior[at] = (float)posterior;
        _band[at] = band is { } b ? BandCodes.ToByte(b) : (byte)0;
    }

    /// <summary>Withdraws every candidate of <paramref name="party"/>; returns the slots that were withdrawn.</summary>
    public List<int> RemoveParty(int party)
    {
        var removed = new List<int>();
        for (var at = 0; at < _count; at++)
        {
            var pair = _pairs[at];
            if (_support[at] >= 0 && (pair.PartyA == party || pair.PartyB == party))
            {
                removed.Add(at);
                _support[at] = -1; // withdrawn: never a candidate again (the ordinals are reused by the new data set)
            }
        }

        if (removed.Count > 0)
        {
            RebuildIndex(); // the index never removes one entry: the candidates that stay are indexed again
        }

        return removed;
    }

    /// <summary>How many candidates are live (support above 0); a count, without <see cref="LiveInPairOrder"/>'s list and sort.</summary>
    public int LiveCount()
    {
        var live = 0;
        for (var at = 0; at < _count; at++)
        {
            live += _support[at] > 0 ? 1 : 0;
        }

        return live;
    }

    /// <summary>Slots of live candidates (support above 0) in pair order: the order every fit and score uses.</summary>
    public List<int> LiveInPairOrder()
    {
        var live = new List<int>();
        for (var at = 0; at < _count; at++)
        {
            if (_support[at] > 0)
            {
                live.Add(at);
            }
        }

        live.Sort((x, y) => Compare(_pairs[x], _pairs[y]));
        return live;
    }

    // Indexes every candidate not withdrawn; false when one pair appears twice.
    private bool RebuildIndex()
    {
        _byPair.Clear(_count);
        for (var at = 0; at < _count; at++)
        {
            if (_support[at] >= 0)
            {
                if (_byPair.Find(_pairs[at], _pairs) >= 0)
                {
                    return false;
                }

                _byPair.Add(_pairs[at], at);
            }
        }

        return true;
    }

    private static int Compare(HitPair x, HitPair y)
    {
        var c = x.PartyA.CompareTo(y.PartyA);
        c = c != 0 ? c : x.OrdinalA.CompareTo(y.OrdinalA);
        c = c != 0 ? c : x.PartyB.CompareTo(y.PartyB);
        return c != 0 ? c : x.OrdinalB.CompareTo(y.OrdinalB);
    }
}
