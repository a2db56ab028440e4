using Aquila.Matching.Index;
using Aquila.Matching.Lists;
using Aquila.Tokens.Keys;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Matching.Tests.Lists;

public class ListProperties
{
    private static readonly ListDefinition Definition = ListTestBed.Definition();

    // Entries of a contributor: (handle 0..5, tokens over 3 keys with values 0..3, so duplicates are common).
    private static Gen<(int Contributor, int Handle, (int Key, int Value)[] Tokens)[]> Changes =>
        Gen.Choose(0, 2).SelectMany(c => Gen.Choose(0, 5).SelectMany(h =>
            Gen.Choose(0, 2).SelectMany(k => Gen.Choose(0, 3).Select(v => (k, v))).ArrayOf().Where(t => t.Length is > 0 and < 5)
                .Select(t => (c, h, t))))
        .ArrayOf().Where(a => a.Length < 12);

    [FsCheck.Xunit.Property]
    public Property The_duplicates_reported_do_not_depend_on_the_order_entries_arrive_in() =>
        Prop.ForAll(Changes.ToArbitrary(), changes =>
        {
            var forward = Outline(changes);
            var backward = Outline([.. changes.Reverse()]);
            // The same entry changed twice ends with its last tokens; compare only lists where each entry arrives once.
            var distinct = changes.Select(c => (c.Contributor, c.Handle)).Distinct().Count() == changes.Length;
            return !distinct || forward.SetEquals(backward);
        });

    [FsCheck.Xunit.Property]
    public Property A_change_record_decodes_to_what_was_encoded() =>
        Prop.ForAll(Changes.ToArbitrary(), Gen.Choose(1, 3).ToArbitrary(), (changes, kind) =>
        {
            var entries = changes.Select(c => new StoredEntry((UInt128)c.Handle * 7919, (byte)c.Contributor, 740000 + c.Handle,
                ListTestBed.Tokens(c.Tokens))).ToArray();
            var change = new ListChange((ListChangeKind)kind, "RS", 1_764_000_000_000, entries, [.. changes.Select(c => (UInt128)c.Handle)]);

            var decoded = ListRecordCodec.DecodeChange(ListRecordCodec.EncodeChange(change));

            return decoded.Kind == change.Kind && decoded.Contributor == "RS" && decoded.AtUnixMs == change.AtUnixMs
                && decoded.Removed.SequenceEqual(change.Removed)
                && decoded.Entries.Select(Describe).SequenceEqual(change.Entries.Select(Describe));
        });

    [FsCheck.Xunit.Property]
    public bool A_query_hit_id_changes_with_the_case_reference(NonEmptyString a, NonEmptyString b)
    {
        var handle = ListTestBed.Handle(1);
        var first = QueryHitIdentity.Compute("p", "ME", a.Get, "RS", handle);
        var second = QueryHitIdentity.Compute("p", "ME", b.Get, "RS", handle);
        return (a.Get == b.Get) == (first == second);
    }

    private static string Describe(StoredEntry e) => $"{e.Handle} {e.Category} {e.ReviewDay} {Convert.ToHexString(e.Tokens)}";

    // The final (hit id, contributor, band) of every duplicate, applied through the in-memory state.
    private static HashSet<string> Outline((int Contributor, int Handle, (int Key, int Value)[] Tokens)[] changes)
    {
        var state = new ListState(Definition);
        foreach (var (contributor, handle, tokens) in changes)
        {
            var entry = new StoredEntry((UInt128)handle, 0, ListTestBed.Today.AddDays(10).DayNumber, ListTestBed.Tokens(tokens));
            state.Apply(new ListChange(ListChangeKind.Add, Definition.Contributors[contributor], 1_764_072_000_000, [entry], []));
        }

        var latest = new Dictionary<(HitId, int), MatchBand>();
        for (var c = 0; c < state.Events.Length; c++)
        {
            foreach (var e in state.Events[c])
            {
                latest[(e.HitId, c)] = e.Band;
            }
        }

        return [.. latest.Select(kv => $"{kv.Key.Item1} {kv.Key.Item2} {kv.Value}")];
    }
}
