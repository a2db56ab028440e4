using Aquila.Matching.Index;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Matching.Tests.Index;

/// <summary>
/// The index and detector against a naive model built from dictionaries and sets, on random sequences of batches
/// and party removals over small domains (so tokens collide, fanouts are crossed and pairs gain keys).
/// </summary>
public sealed class HitDetectorModelTests
{
    private const int Parties = 4;

    private static readonly Gen<(int Key, int Token)> TokenGen =
        from key in Gen.Choose(0, 3)
        from token in Gen.Choose(0, 5)
        select (key, token);

    private static readonly Gen<(int Handle, (int Key, int Token)[] Tokens)> RecordGen =
        from handle in Gen.Choose(0, 9)
        from count in Gen.Choose(0, 4)
        from tokens in Gen.ArrayOf(TokenGen, count)
        select (handle, tokens);

    // Party -1..-4 removes party 0..3; otherwise a batch of that party.
    private static readonly Gen<Step> StepGen = Gen.Frequency(
        (9, from party in Gen.Choose(0, Parties - 1)
            from count in Gen.Choose(1, 5)
            from records in Gen.ArrayOf(RecordGen, count)
            select new Step(party, records)),
        (1, Gen.Choose(0, Parties - 1).Select(party => new Step(-1 - party, []))));

    private static readonly Arbitrary<(int Fanout, Step[] Steps)> Scenario =
        (from fanout in Gen.Choose(1, 3)
         from count in Gen.Choose(1, 14)
         from steps in Gen.ArrayOf(StepGen, count)
         select (fanout, steps)).ToArbitrary();

    [FsCheck.Xunit.Property]
    public Property The_detector_agrees_with_a_naive_model() =>
        Prop.ForAll(Scenario, scenario =>
        {
            var detector = IndexTestData.Detector(scenario.Fanout);
            var model = new NaiveModel(scenario.Fanout);
            foreach (var step in scenario.Steps)
            {
                if (step.Party < 0)
                {
                    var party = -1 - step.Party;
                    var withdrawn = detector.RemoveParty(party);
                    var expectedWithdrawn = model.RemoveParty(party);
                    if (withdrawn.Count != expectedWithdrawn)
                    {
                        return false;
                    }

                    continue;
                }

                var changes = detector.AddBatch(step.Party, IndexTestData.Batch(step.Party, step.Records));
                var expected = model.AddBatch(step.Party, step.Records);
                if (!Describe(detector, changes).SetEquals(expected))
                {
                    return false;
                }
            }

            var all = new HashSet<string>(StringComparer.Ordinal);
            foreach (var hit in detector.Hits)
            {
                all.Add(Describe(detector, hit));
            }

            for (var party = 0; party < Parties; party++)
            {
                if (detector.SuppressedTokenCount(party) != model.SuppressedTokens(party))
                {
                    return false;
                }
            }

            return all.SetEquals(model.Hits()) && all.Count == detector.Hits.Length;
        });

    private static HashSet<string> Describe(HitDetector detector, IReadOnlyList<HitChange> changes)
    {
        var described = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            described.Add($"{change.Kind}:{Describe(detector, change.Hit)}");
        }

        return described;
    }

    // Handles identify records here (ordinals differ after a party is removed and re-added).
    private static string Describe(HitDetector detector, Hit hit)
    {
        var a = BitConverter.ToInt32(detector.GetHandles(hit.PartyA)[hit.OrdinalA]);
        var b = BitConverter.ToInt32(detector.GetHandles(hit.PartyB)[hit.OrdinalB]);
        return $"{hit.PartyA}/{a}-{hit.PartyB}/{b}:{hit.KeyMask}:{hit.Band}";
    }

    internal sealed record Step(int Party, (int Handle, (int Key, int Token)[] Tokens)[] Records);

    private sealed class NaiveModel(int fanout)
    {
        private readonly Dictionary<(int Key, int Token), Dictionary<int, HashSet<int>>> _holders = [];
        private readonly HashSet<(int Key, int Token, int Party)> _suppressed = [];
        private readonly Dictionary<(int PartyA, int HandleA, int PartyB, int HandleB), ulong> _pairs = [];

        public HashSet<string> AddBatch(int party, (int Handle, (int Key, int Token)[] Tokens)[] records)
        {
            var fresh = new List<(int Key, int Token, int Handle)>();
            foreach (var (handle, tokens) in records)
            {
                foreach (var (key, token) in tokens)
                {
                    if (!_holders.TryGetValue((key, token), out var byParty))
                    {
                        _holders[(key, token)] = byParty = [];
                    }

                    if (!byParty.TryGetValue(party, out var handles))
                    {
                        byParty[party] = handles = [];
                    }

                    if (handles.Add(handle))
                    {
                        fresh.Add((key, token, handle));
                    }
                }
            }

            foreach (var (key, token, _) in fresh)
            {
                if (_holders[(key, token)][party].Count > fanout)
                {
                    _suppressed.Add((key, token, party));
                }
            }

            var before = new Dictionary<(int, int, int, int), ulong>(_pairs);
            foreach (var (key, token, handle) in fresh)
            {
                if (_suppressed.Contains((key, token, party)))
                {
                    continue;
                }

                foreach (var (other, handles) in _holders[(key, token)])
                {
                    if (other == party || _suppressed.Contains((key, token, other)))
                    {
                        continue;
                    }

                    foreach (var otherHandle in handles)
                    {
                        var pair = party < other ? (party, handle, other, otherHandle) : (other, otherHandle, party, handle);
                        _pairs[pair] = _pairs.GetValueOrDefault(pair) | (1UL << key);
                    }
                }
            }

            var changes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (pair, mask) in _pairs)
            {
                var old = before.GetValueOrDefault(pair);
                if (old != mask)
                {
                    changes.Add($"{(old == 0 ? HitChangeKind.New : HitChangeKind.Updated)}:{Describe(pair, mask)}");
                }
            }

            return changes;
        }

        public int RemoveParty(int party)
        {
            foreach (var byParty in _holders.Values)
            {
                byParty.Remove(party);
            }

            _suppressed.RemoveWhere(s => s.Party == party);
            var removed = 0;
            foreach (var pair in _pairs.Keys.ToArray())
            {
                if (pair.PartyA == party || pair.PartyB == party)
                {
                    _pairs.Remove(pair);
                    removed++;
                }
            }

            return removed;
        }

        public int SuppressedTokens(int party) => _suppressed.Count(s => s.Party == party);

        public HashSet<string> Hits()
        {
            var hits = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (pair, mask) in _pairs)
            {
                hits.Add(Describe(pair, mask));
            }

            return hits;
        }

        private static string Describe((int PartyA, int HandleA, int PartyB, int HandleB) pair, ulong mask)
        {
            var band = BandCodes.NoBand;
            for (var key = 0; key < IndexTestData.Keys.Length; key++)
            {
                if ((mask & (1UL << key)) != 0 && IndexTestData.Keys[key].Band > band)
                {
                    band = IndexTestData.Keys[key].Band;
                }
            }

            return $"{pair.PartyA}/{pair.HandleA}-{pair.PartyB}/{pair.HandleB}:{mask}:{band}";
        }
    }
}
