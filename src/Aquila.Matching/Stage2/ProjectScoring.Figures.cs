using Aquila.Matching.Scoring;

namespace Aquila.Matching.Stage2;

// Per-block figures of the candidates (for the matcher bench and operators): counts only, no pair or record.
internal sealed partial class ProjectScoring
{
    /// <summary>The figures of each block of the schema, in block order (<see cref="Stage2BlockFigures"/>).</summary>
    public Stage2BlockFigures[] BlockFigures()
    {
        var blocks = Scorer.Scoring.Blocks.Count;
        var candidates = new long[blocks];
        for (var at = 0; at < _pairs.Count; at++)
        {
            var block = _pairs.ComparedUnder(at) >> 9; // ComparingBlock.Key puts the block index above bit 9
            if (_pairs.Support(at) > 0 && _pairs.ComparedUnder(at) != ComparingBlock.Unknown && block < blocks)
            {
                candidates[block]++;
            }
        }

        var (pairs, values, overCap) = (new long[blocks], new long[blocks], new long[blocks]);
        Span<int> perParty = stackalloc int[_parties];
        for (var id = 0; id < _index.TokenCount; id++)
        {
            var head = _index.First(id);
            var block = head < 0 ? -1 : _index.Order(head) >> 4;
            if ((uint)block >= (uint)blocks)
            {
                continue;
            }

            values[block]++;
            _index.CountParties(id, perParty);
            var cap = _index.CapOf(_index.Order(head));
            long usable = 0, made = 0;
            var left = false;
            foreach (var n in perParty)
            {
                if (n > cap)
                {
                    left = true;
                    continue;
                }

                made += usable * n; // pairs with the parties counted before
                usable += n;
            }

            pairs[block] += made;
            overCap[block] += left ? 1 : 0;
        }

        var figures = new Stage2BlockFigures[blocks];
        for (var b = 0; b < blocks; b++)
        {
            figures[b] = new Stage2BlockFigures(candidates[b], pairs[b], values[b], overCap[b]);
        }

        return figures;
    }
}
