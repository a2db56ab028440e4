namespace Aquila.Matching.Scoring;

/// <summary>
/// Fits a <see cref="FellegiSunterModel"/> to one project's candidate pairs without any truth: the classic EM for a
/// two-class mixture of independent categorical fields (Winkler 1988). Works on distinct agreement patterns with their
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
                for (var f = 0; f < model.Fields.Count; f++)
                {
                    m[f][levels[f]] += g;
                    u[f][levels[f]] += count - g;
                }
            }

            // A little smoothing keeps a level no pair showed from getting probability zero (an infinite weight).
            for (var f = 0; f < model.Fields.Count; f++)
            {
                for (var l = 0; l < m[f].Length; l++)
                {
                    m[f][l] += 0.01;
                    u[f][l] += 0.01;
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
        var rows = new double[fields.Count][];
        for (var f = 0; f < rows.Length; f++)
        {
            rows[f] = new double[fields.Levels(f)];
        }

        return rows;
    }

    private static double Distance(FellegiSunterModel a, FellegiSunterModel b)
    {
        var distance = Math.Abs(a.Prior - b.Prior);
        for (var f = 0; f < a.Fields.Count; f++)
        {
            for (var l = 0; l < a.Fields.Levels(f); l++)
            {
                distance = Math.Max(distance, Math.Max(Math.Abs(a.M(f, l) - b.M(f, l)), Math.Abs(a.U(f, l) - b.U(f, l))));
            }
        }

        return distance;
    }
}
