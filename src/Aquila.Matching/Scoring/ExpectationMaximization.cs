namespace Aquila.Matching.Scoring;

/// <summary>
/// Fits a <see cref="FellegiSunterModel"/> to one project's candidate pairs without any truth: the classic EM for a
/// two-class mixture of independent categorical factors (Winkler 1988). Works on distinct agreement patterns with their
/// counts, so a million candidate pairs cost a few thousand patterns per iteration. Deterministic.
/// With a prior (<c>priorPairs</c> &gt; 0) each M step is a posterior-mode estimate under a Dirichlet prior centred on
/// the starting model: that many imaginary pairs in each of the m and u rows, spread over each factor's cells as the
/// start's rows. Each row gets the full count, not a split by the fitted match share: in a vehicle project nine in ten
/// candidates are true pairs, so a split would leave the u rows, the ones fitted from a few hundred pairs, almost no
/// prior. A level that many pairs show is
/// fitted from the data; a level that only a handful of pairs show (or none, e.g. no non-matching candidate sharing a
/// vehicle model) stays near its starting weight instead of reaching the ≈ 20-bit extreme that a zero count gives. A
/// schema asks for one in its scoring section (<c>"em_prior"</c>, docs/record-types.md); without it the fit is plain.
/// </summary>
public static class ExpectationMaximization
{
    /// <summary>Iterations at most.</summary>
    public const int MaxIterations = 200;

    /// <summary>
    /// Fits from <paramref name="start"/> on <paramref name="patterns"/> (agreement levels, one byte per field, and how
    /// many candidate pairs show them), without a prior. Stops when no parameter moves by more than 1e-7.
    /// </summary>
    public static FellegiSunterModel Fit(IReadOnlyList<(byte[] Levels, long Count)> patterns, FellegiSunterModel start) =>
        Fit(patterns, start, priorPairs: 0);

    /// <summary>
    /// Fits as <see cref="Fit(IReadOnlyList{ValueTuple{byte[], long}}, FellegiSunterModel)"/> with
    /// <paramref name="priorPairs"/> imaginary candidate pairs toward <paramref name="start"/> (0: plain maximum
    /// likelihood with only a token smoothing).
    /// </summary>
    public static FellegiSunterModel Fit(IReadOnlyList<(byte[] Levels, long Count)> patterns, FellegiSunterModel start, double priorPairs)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentOutOfRangeException.ThrowIfNegative(priorPairs);
        var model = start;
        long total = 0;
        foreach (var (_, count) in patterns)
        {
            total += count;
        }

        if (total == 0)
        {
            return start;
        }

        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var m = Rows(model.Fields);
            var u = Rows(model.Fields);
            var matches = 0.0;
            foreach (var (levels, count) in patterns)
            {
                var g = model.Posterior(levels) * count;
                matches += g;
                for (var k = 0; k < model.Fields.FactorCount; k++)
                {
                    var cell = model.Fields.Cell(k, levels);
                    m[k][cell] += g;
                    u[k][cell] += count - g;
                }
            }

            // The prior: priorPairs imaginary pairs in each row, spread over the cells as the start's rows, so a level
            // no pair showed keeps its starting probability and a level few pairs showed stays near it. The small
            // constant keeps a level no pair showed from probability zero when the prior is off.
            for (var k = 0; k < m.Length; k++)
            {
                for (var c = 0; c < m[k].Length; c++)
                {
                    m[k][c] += 0.01 + (priorPairs * start.FactorM(k, c));
                    u[k][c] += 0.01 + (priorPairs * start.FactorU(k, c));
                }
            }

            var next = FellegiSunterModel.Create(model.Fields, m, u, matches / total);
            var moved = Distance(model, next);
            model = next;
            if (moved < 1e-7)
            {
                break;
            }
        }

        return model;
    }

    /// <summary>One zeroed row per factor of <paramref name="fields"/>, as long as the factor has cells.</summary>
    internal static double[][] Rows(ComparisonFields fields)
    {
        var rows = new double[fields.FactorCount][];
        for (var k = 0; k < rows.Length; k++)
        {
            rows[k] = new double[fields.FactorCells(k)];
        }

        return rows;
    }

    private static double Distance(FellegiSunterModel a, FellegiSunterModel b)
    {
        var distance = Math.Abs(a.Prior - b.Prior);
        for (var k = 0; k < a.Fields.FactorCount; k++)
        {
            for (var c = 0; c < a.Fields.FactorCells(k); c++)
            {
                distance = Math.Max(distance, Math.Max(Math.Abs(a.FactorM(k, c) - b.FactorM(k, c)), Math.Abs(a.FactorU(k, c) - b.FactorU(k, c))));
            }
        }

        return distance;
    }
}
