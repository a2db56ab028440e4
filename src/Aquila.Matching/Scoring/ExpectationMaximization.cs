namespace Aquila.Matching.Scoring;

/// <summary>
/// Fits a <see cref="FellegiSunterModel"/> to one project's candidate pairs without any truth: the classic EM for a
/// two-class mixture of independent categorical factors (Winkler 1988). Works on distinct agreement patterns with their
/// counts, so a million candidate pairs cost a few thousand patterns per iteration. Deterministic.
/// </summary>
public static class ExpectationMaximization
{
    /// <summary>Iterations at most.</summary>
    public const int MaxIterations = 200;

    /// <summary>
    /// Fits from <paramref name="start"/> on <paramref name="patterns"/> (agreement levels, one byte per field, and how
    /// many candidate pairs show them). Stops when no parameter moves by more than 1e-7.
    /// </summary>
    public static FellegiSunterModel Fit(IReadOnlyList<(byte[] Levels, long Count)> patterns, FellegiSunterModel start)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(start);
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

            // A little smoothing keeps a level no pair showed from getting probability zero (an infinite weight).
            for (var k = 0; k < m.Length; k++)
            {
                for (var c = 0; c < m[k].Length; c++)
                {
                    m[k][c] += 0.01;
                    u[k][c] += 0.01;
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

    private static double[][] Rows(ComparisonFields fields)
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
