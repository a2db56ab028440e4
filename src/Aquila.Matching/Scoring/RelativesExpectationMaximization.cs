namespace Aquila.Matching.Scoring;

/// <summary>
/// Refits a two-class <see cref="FellegiSunterModel"/> as a three-class mixture — same person, related persons,
/// unrelated pairs — by EM on the same candidate patterns, so that twins and siblings stop counting as matches.
/// <para>
/// A two-class fit has nowhere to put a pair that agrees on everything but one name: twins (given name differs, family,
/// father, date and place agree) are far closer to the match class than to the bulk of candidates, so EM counts them
/// among the matches and the cell <c>given≠ family= father=</c> gets a positive weight. The related class is defined by
/// one structural rule on the schema's joint factors (the groups of fields that identify a person together): a related
/// pair disagrees outright on at least one field of each joint group (a string or date far apart, an exact value
/// different) and agrees on at least one (related persons share part of an identity); its other cells are held at zero.
/// On every other factor the related class lies between the two others: a mix λ·m + (1 − λ)·u with its own λ per
/// factor, fitted. The rules name no field and no generator: it holds for every schema that declares a joint group, and a schema without
/// one keeps the two-class fit.
/// </para>
/// <para>
/// Start: the related class takes the two-class match class's mass on the cells it may hold (the relatives the match
/// class absorbed), its prior that share of the match prior, and for the other factors the midpoint of m and u. The
/// same-person posterior P(same | levels) then decides the band. The class is kept only when it explains the candidates
/// better by more than the parameters it adds (Akaike); else the two-class fit stands. Deterministic for the same
/// patterns in the same order.
/// </para>
/// </summary>
public static class RelativesExpectationMaximization
{
    /// <summary>Iterations at most.</summary>
    public const int MaxIterations = 200;

    /// <summary>
    /// Fits the three-class model on <paramref name="patterns"/> starting from the two-class fit <paramref name="twoClass"/>;
    /// returns <paramref name="twoClass"/> itself when its fields have no joint group, there are no patterns, or the
    /// related class does not pay for its parameters.
    /// </summary>
    public static FellegiSunterModel Fit(IReadOnlyList<(byte[] Levels, long Count)> patterns, FellegiSunterModel twoClass)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(twoClass);
        var fields = twoClass.Fields;
        var allowed = AllowedCells(fields);
        long total = 0;
        foreach (var (_, count) in patterns)
        {
            total += count;
        }

        if (total == 0 || allowed.All(a => a is null))
        {
            return twoClass;
        }

        var model = Start(twoClass, allowed);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var (s, r, n) = (ExpectationMaximization.Rows(fields), ExpectationMaximization.Rows(fields), ExpectationMaximization.Rows(fields));
            double same = 0, related = 0;
            foreach (var (levels, count) in patterns)
            {
                var (gs, gr, gn) = model.Classes(levels);
                (gs, gr, gn) = (gs * count, gr * count, gn * count);
                same += gs;
                related += gr;
                for (var k = 0; k < fields.FactorCount; k++)
                {
                    var cell = fields.Cell(k, levels);
                    s[k][cell] += gs;
                    r[k][cell] += gr;
                    n[k][cell] += gn;
                }
            }

            // The same smoothing as the two-class fit; the related class's structural zeros stay (nearly) zero.
            for (var k = 0; k < fields.FactorCount; k++)
            {
                for (var c = 0; c < s[k].Length; c++)
                {
                    s[k][c] += 0.01;
                    n[k][c] += 0.01;
                    r[k][c] += 0.01;
                }

                if (allowed[k] is { } cells)
                {
                    HoldZeros(r[k], cells);
                }
                else
                {
                    r[k] = Between(Normalise(s[k]), Normalise(n[k]), r[k]);
                }
            }

            var next = FellegiSunterModel.Create(fields, s, n, same / total, r, related / total);
            var moved = Distance(model, next);
            model = next;
            if (moved < 1e-7)
            {
                break;
            }
        }

        // Akaike's rule: the related class stays only when it raises the log-likelihood by more than the parameters it
        // adds. Where no relatives are among the candidates (FEBRL) it would only split the same-person class's cells
        // with a copy of itself, which costs true pairs and explains nothing.
        var gain = LogLikelihood(patterns, model) - LogLikelihood(patterns, twoClass);
        return gain > FreeParameters(patterns, fields, allowed) ? model : twoClass;
    }

    // The log-likelihood (nats) of the patterns under a model: Σ count · ln Σ_class prior · Π P(cell | class).
    private static double LogLikelihood(IReadOnlyList<(byte[] Levels, long Count)> patterns, FellegiSunterModel model)
    {
        var sum = 0.0;
        foreach (var (levels, count) in patterns)
        {
            sum += count * model.LogLikelihood(levels);
        }

        return sum * Math.Log(2);
    }

    // What the related class adds to the two-class model: its prior, one λ per factor outside the joint groups, and one
    // probability per joint cell it may hold that some candidate shows.
    private static int FreeParameters(IReadOnlyList<(byte[] Levels, long Count)> patterns, ComparisonFields fields, bool[]?[] allowed)
    {
        var parameters = 1;
        for (var k = 0; k < fields.FactorCount; k++)
        {
            if (allowed[k] is not { } cells)
            {
                parameters++;
                continue;
            }

            var seen = new HashSet<int>();
            foreach (var (levels, _) in patterns)
            {
                var cell = fields.Cell(k, levels);
                if (cells[cell])
                {
                    seen.Add(cell);
                }
            }

            parameters += seen.Count;
        }

        return parameters;
    }

    /// <summary>
    /// Per factor, the cells the related class may hold: for a joint factor those where at least one of its fields
    /// disagrees outright; null for a single-field factor (every cell).
    /// </summary>
    public static bool[]?[] AllowedCells(ComparisonFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var allowed = new bool[]?[fields.FactorCount];
        for (var k = 0; k < fields.FactorCount; k++)
        {
            if (fields.FactorFields(k).Count < 2)
            {
                continue;
            }

            allowed[k] = new bool[fields.FactorCells(k)];
            for (var c = 0; c < fields.FactorCells(k); c++)
            {
                var (disagrees, agrees) = (false, false);
                foreach (var f in fields.FactorFields(k))
                {
                    var level = fields.LevelInCell(k, c, f);
                    disagrees |= level == Disagrees(fields, f);
                    agrees |= level == ComparisonField.Equal;
                }

                allowed[k]![c] = disagrees && agrees;
            }
        }

        return allowed;
    }

    // A factor outside the joint groups: the related row is a mix λ·m + (1 − λ)·u of the same-person and unrelated rows,
    // with the λ in [0, 1] that fits the related class's counts best (the log-likelihood is concave in λ: bisection on its
    // derivative). Relatives are between one person and strangers on every such field (twins share a date, siblings
    // mostly not; both a place), so the class cannot drift to some other cluster of non-matches.
    private static double[] Between(double[] m, double[] u, double[] counts)
    {
        double low = 0, high = 1;
        for (var step = 0; step < 60; step++)
        {
            var lambda = (low + high) / 2;
            var slope = 0.0;
            for (var c = 0; c < counts.Length; c++)
            {
                slope += counts[c] * (m[c] - u[c]) / ((lambda * m[c]) + ((1 - lambda) * u[c]));
            }

            (low, high) = slope > 0 ? (lambda, high) : (low, lambda);
        }

        var best = (low + high) / 2;
        var row = new double[counts.Length];
        for (var c = 0; c < row.Length; c++)
        {
            row[c] = (best * m[c]) + ((1 - best) * u[c]);
        }

        return row;
    }

    private static double[] Normalise(double[] row)
    {
        var sum = row.Sum();
        return [.. row.Select(p => p / sum)];
    }

    // A held cell gets 2e-6 of the row: above the model's 1e-6 floor, so normalising the row again (a replay reads the
    // model back from its record) gives the same numbers up to rounding, not a floor's shift.
    private static void HoldZeros(double[] row, bool[] allowed)
    {
        var sum = 0.0;
        for (var c = 0; c < row.Length; c++)
        {
            sum += allowed[c] ? row[c] : 0;
        }

        for (var c = 0; c < row.Length; c++)
        {
            if (!allowed[c])
            {
                row[c] = 2e-6 * sum;
            }
        }
    }

    // The level at which a field disagrees outright (far, or different; a weak string agreement is not outright).
    private static int Disagrees(ComparisonFields fields, int field) => ComparisonField.Disagrees(fields.Kind(field));

    private static FellegiSunterModel Start(FellegiSunterModel twoClass, bool[]?[] allowed)
    {
        var fields = twoClass.Fields;
        var (m, u, r) = (ExpectationMaximization.Rows(fields), ExpectationMaximization.Rows(fields), ExpectationMaximization.Rows(fields));
        var share = 0.0;
        for (var k = 0; k < fields.FactorCount; k++)
        {
            var held = 0.0;
            for (var c = 0; c < m[k].Length; c++)
            {
                (m[k][c], u[k][c]) = (twoClass.FactorM(k, c), twoClass.FactorU(k, c));
                if (allowed[k] is { } cells)
                {
                    r[k][c] = cells[c] ? m[k][c] : 0;
                    held += r[k][c];
                }
                else
                {
                    r[k][c] = (m[k][c] + u[k][c]) / 2;
                }
            }

            share = Math.Max(share, held);
        }

        var relatedPrior = twoClass.Prior * Math.Max(share, 0.01);
        return FellegiSunterModel.Create(fields, m, u, twoClass.Prior, r, relatedPrior);
    }

    private static double Distance(FellegiSunterModel a, FellegiSunterModel b)
    {
        var distance = Math.Max(Math.Abs(a.Prior - b.Prior), Math.Abs(a.RelatedPrior - b.RelatedPrior));
        for (var k = 0; k < a.Fields.FactorCount; k++)
        {
            for (var c = 0; c < a.Fields.FactorCells(k); c++)
            {
                distance = Math.Max(distance, Math.Abs(a.FactorM(k, c) - b.FactorM(k, c)));
                distance = Math.Max(distance, Math.Abs(a.FactorU(k, c) - b.FactorU(k, c)));
                distance = Math.Max(distance, Math.Abs(a.FactorR(k, c) - b.FactorR(k, c)));
            }
        }

        return distance;
    }
}
