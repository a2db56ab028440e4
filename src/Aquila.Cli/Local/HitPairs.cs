using Aquila.Node.Hits;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Local;

/// <summary>
/// Joins both sides' views of each hit into one row (hit id, party A, record A, party B, record B, band, keys): what
/// `aquila simulate` writes and what quality is measured on. Only possible where one operator holds every
/// party's handle map, i.e. in a dry run.
/// </summary>
internal sealed record HitPair(string HitId, string PartyA, string RecordA, string PartyB, string RecordB, MatchBand Band,
    IReadOnlyList<string> Keys)
{
    public static List<HitPair> Join(IEnumerable<ResolvedHit> views)
    {
        var pairs = new List<HitPair>();
        foreach (var group in views.GroupBy(v => v.HitId, StringComparer.Ordinal))
        {
            var sides = group.OrderBy(v => v.Party, StringComparer.Ordinal).ToArray();
            if (sides.Length != 2)
            {
                continue;
            }

            pairs.Add(new HitPair(group.Key, sides[0].Party, sides[0].RecordId, sides[1].Party, sides[1].RecordId, sides[0].Band, sides[0].Keys));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.HitId, b.HitId));
        return pairs;
    }

    public static void WriteCsv(string path, IEnumerable<HitPair> pairs)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine("hit_id,party_a,record_a,party_b,record_b,band,keys");
        foreach (var p in pairs)
        {
            writer.WriteLine(string.Join(',', p.HitId, p.PartyA, Cell(p.RecordA), p.PartyB, Cell(p.RecordB),
                BandNames.Of(p.Band), string.Join(';', p.Keys)));
        }
    }

    private static string Cell(string value) => Tokens.Input.CsvCell.Escape(value);
}
