using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Matching.Tests.Index;

/// <summary>When every party submits its data set in one batch, the hits do not depend on who submits first.</summary>
public sealed class HitOrderIndependenceTests
{
    private static readonly Gen<(int Handle, (int Key, int Token)[] Tokens)> RecordGen =
        from handle in Gen.Choose(0, 7)
        from tokens in Gen.ArrayOf(
            from key in Gen.Choose(0, 3)
            from token in Gen.Choose(0, 4)
            select (key, token))
        select (handle, tokens);

    private static readonly Arbitrary<((int, (int, int)[])[][] DataSets, int[] Order)> Scenario =
        (from dataSets in Gen.ArrayOf(Gen.ArrayOf(RecordGen), IndexTestData.PartyCodes.Length)
         from order in Gen.Shuffle(new[] { 0, 1, 2, 3 })
         select (dataSets, order)).ToArbitrary();

    [FsCheck.Xunit.Property]
    public Property Hits_and_ids_are_the_same_whichever_party_submits_first() =>
        Prop.ForAll(Scenario, scenario =>
        {
            var inRosterOrder = Run(scenario.DataSets, [0, 1, 2, 3]);
            var shuffled = Run(scenario.DataSets, scenario.Order);
            return inRosterOrder.SetEquals(shuffled);
        });

    private static HashSet<string> Run((int, (int, int)[])[][] dataSets, int[] order)
    {
        var detector = IndexTestData.Detector(maxFanout: 2);
        foreach (var party in order)
        {
            detector.AddBatch(party, IndexTestData.Batch(party, dataSets[party]));
        }

        var hits = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hit in detector.Hits)
        {
            var mine = detector.ViewFor(hit.PartyA, hit);
            var other = detector.ViewFor(hit.PartyB, hit);
            if (mine.HitId != other.HitId || mine.Band != other.Band || !mine.AgreeingKeys.SequenceEqual(other.AgreeingKeys))
            {
                hits.Add("asymmetric view");
            }

            hits.Add($"{hit.Id}:{hit.Band}:{string.Join(",", mine.AgreeingKeys)}");
        }

        return hits;
    }
}
