using Aquila.Tokens.Keys;

namespace Aquila.Matching.Scoring;

/// <summary>
/// A Fellegi–Sunter model over the agreement levels of one schema's <see cref="ComparisonFields"/>: per factor (a field,
/// or the given and family names jointly) and cell the probability among true pairs (m) and among other candidate
/// pairs (u), and the share of true pairs among candidates. Factors are taken as independent given the match status.
/// Fitted per project by <see cref="ExpectationMaximization"/>; nothing in it describes a person.
/// A model may carry a third class, related pairs (r; <see cref="RelativesExpectationMaximization"/>): different persons
/// that agree like one person on most fields (twins, siblings). Then u is the class of unrelated pairs and the posterior
/// is that of the same-person class against both others.
/// </summary>
public sealed class FellegiSunterModel
{
    private readonly double[][] _m;
    private readonly double[][] _u;
    private readonly double[][]? _r;

    private FellegiSunterModel(ComparisonFields fields, double[][] m, double[][] u, double prior, double[][]? r, double relatedPrior)
    {
        Fields = fields;
        _m = m;
        _u = u;
        _r = r;
        Prior = prior;
        RelatedPrior = relatedPrior;
    }

    /// <summary>The fields the model scores.</summary>
    public ComparisonFields Fields { get; }

    /// <summary>Share of true pairs among candidate pairs.</summary>
    public double Prior { get; }

    /// <summary>P(cell | true pair) of a factor.</summary>
    public double FactorM(int factor, int cell) => _m[factor][cell];

    /// <summary>P(cell | other pair) of a factor (with a related class: P(cell | unrelated pair)).</summary>
    public double FactorU(int factor, int cell) => _u[factor][cell];

    /// <summary>Whether the model has a class of related pairs (<see cref="FactorR"/>, <see cref="RelatedPrior"/>).</summary>
    public bool HasRelated => _r is not null;

    /// <summary>Share of related pairs among candidate pairs (0 without a related class).</summary>
    public double RelatedPrior { get; }

    /// <summary>P(cell | related pair) of a factor; only when <see cref="HasRelated"/>.</summary>
    public double FactorR(int factor, int cell) =>
        _r is { } r ? r[factor][cell] : throw new InvalidOperationException("The model has no related class.");

    /// <summary>P(level | true pair) of a field (summed over the other fields of its factor).</summary>
    public double M(int field, int level) => Marginal(_m, field, level);

    /// <summary>P(level | other pair) of a field (summed over the other fields of its factor).</summary>
    public double U(int field, int level) => Marginal(_u, field, level);

    /// <summary>The starting point of a fit: the schema's declared starts, else plain defaults per field kind.</summary>
    public static FellegiSunterModel Defaults(ComparisonFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var m = new double[fields.Count][];
        var u = new double[fields.Count][];
        for (var f = 0; f < fields.Count; f++)
        {
            if (fields.Layout.Fields[f] is { M: { } declaredM, U: { } declaredU })
            {
                (m[f], u[f]) = ([.. declaredM], [.. declaredU]);
                continue;
            }

            (m[f], u[f]) = fields.Kind(f) switch
            {
                ScoringFieldKind.StringBloom when fields.Levels(f) == ComparisonField.StringLevelsWithWeak =>
                    (new double[] { 0.1, 0.6, 0.15, 0.08, 0.03, 0.04 }, new double[] { 0.1, 0.02, 0.04, 0.1, 0.6, 0.14 }),
                ScoringFieldKind.StringBloom => (new double[] { 0.1, 0.6, 0.15, 0.08, 0.07 }, new double[] { 0.1, 0.02, 0.04, 0.1, 0.74 }),
                ScoringFieldKind.Date => ([0.1, 0.6, 0.05, 0.08, 0.1, 0.04, 0.03], [0.1, 0.005, 0.002, 0.01, 0.08, 0.1, 0.703]),
                _ => ([0.5, 0.45, 0.05], [0.5, 0.001, 0.499]),
            };
        }

        return Create(fields, Joint(fields, m), Joint(fields, u), 0.1);
    }

    /// <summary>A model from explicit parameters per factor and cell (copied); rows are normalised.</summary>
    public static FellegiSunterModel Create(ComparisonFields fields, double[][] m, double[][] u, double prior)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(u);
        return new FellegiSunterModel(fields, Normalised(m), Normalised(u), Math.Clamp(prior, 1e-9, 1 - 1e-9), null, 0);
    }

    /// <summary>
    /// A three-class model: same person (<paramref name="m"/>, <paramref name="prior"/>), related persons
    /// (<paramref name="r"/>, <paramref name="relatedPrior"/>) and unrelated pairs (<paramref name="u"/>, the rest).
    /// Rows are copied and normalised.
    /// </summary>
    public static FellegiSunterModel Create(
        ComparisonFields fields, double[][] m, double[][] u, double prior, double[][] r, double relatedPrior)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(r);
        var same = Math.Clamp(prior, 1e-9, 1 - 2e-9);
        var related = Math.Clamp(relatedPrior, 1e-9, 1 - same - 1e-9);
        return new FellegiSunterModel(fields, Normalised(m), Normalised(u), same, Normalised(r), related);
    }

    // A three-class model exactly as a scoring-start record holds it (no normalising again), so the service scores with
    // the very numbers the fit produced and `aquila eval` printed.
    internal static FellegiSunterModel FromRecord(
        ComparisonFields fields, double[][] m, double[][] u, double prior, double[][] r, double relatedPrior) =>
        new(fields, m, u, prior, r, relatedPrior);

    /// <summary>The match weight log2(m/u) summed over the factors of <paramref name="levels"/> (same person against unrelated).</summary>
    public double Weight(ReadOnlySpan<byte> levels)
    {
        var weight = 0.0;
        for (var k = 0; k < _m.Length; k++)
        {
            var cell = Fields.Cell(k, levels);
            weight += Math.Log2(_m[k][cell] / _u[k][cell]);
        }

        return weight;
    }

    /// <summary>P(true pair | levels) under the model's priors: the same-person class against the others.</summary>
    public double Posterior(ReadOnlySpan<byte> levels)
    {
        if (_r is null)
        {
            var logOdds = Math.Log2(Prior / (1 - Prior)) + Weight(levels);
            return 1 / (1 + Math.Pow(2, -logOdds));
        }

        return Classes(levels).Same;
    }

    /// <summary>P(class | levels) of the three classes (related 0 without a related class).</summary>
    public (double Same, double Related, double Unrelated) Classes(ReadOnlySpan<byte> levels)
    {
        if (_r is null)
        {
            var same = Posterior(levels);
            return (same, 0, 1 - same);
        }

        var (ls, lr, ln) = ClassLogs(levels);
        var top = Math.Max(ls, Math.Max(lr, ln));
        double s = Math.Pow(2, ls - top), r = Math.Pow(2, lr - top), n = Math.Pow(2, ln - top);
        var sum = s + r + n;
        return (s / sum, r / sum, n / sum);
    }

    /// <summary>
    /// log2 P(<paramref name="levels"/>) under the model: the log of Σ over its classes of prior × Π P(cell | class)
    /// (what a fit's likelihood sums, count by count).
    /// </summary>
    public double LogLikelihood(ReadOnlySpan<byte> levels)
    {
        var (ls, lr, ln) = ClassLogs(levels);
        var top = Math.Max(ls, Math.Max(lr, ln));
        return top + Math.Log2(Math.Pow(2, ls - top) + Math.Pow(2, lr - top) + Math.Pow(2, ln - top));
    }

    // log2 of prior × Π P(cell | class) for the same-person, related (−∞ without that class) and unrelated classes.
    private (double Same, double Related, double Unrelated) ClassLogs(ReadOnlySpan<byte> levels)
    {
        double ls = Math.Log2(Prior), ln = Math.Log2(1 - Prior - RelatedPrior);
        var lr = _r is null ? double.NegativeInfinity : Math.Log2(RelatedPrior);
        for (var k = 0; k < _m.Length; k++)
        {
            var cell = Fields.Cell(k, levels);
            ls += Math.Log2(_m[k][cell]);
            ln += Math.Log2(_u[k][cell]);
            if (_r is not null)
            {
                lr += Math.Log2(_r[k][cell]);
            }
        }

        return (ls, lr, ln);
    }

    // Per-field rows → per-factor rows: a joint factor starts as the product of its fields' rows.
    private static double[][] Joint(ComparisonFields fields, double[][] perField)
    {
        var rows = new double[fields.FactorCount][];
        for (var k = 0; k < rows.Length; k++)
        {
            rows[k] = new double[fields.FactorCells(k)];
            for (var cell = 0; cell < rows[k].Length; cell++)
            {
                var p = 1.0;
                foreach (var f in fields.FactorFields(k))
                {
                    p *= perField[f][fields.LevelInCell(k, cell, f)];
                }

                rows[k][cell] = p;
            }
        }

        return rows;
    }

    private double Marginal(double[][] rows, int field, int level)
    {
        for (var k = 0; k < rows.Length; k++)
        {
            if (!Fields.FactorFields(k).Contains(field))
            {
                continue;
            }

            var sum = 0.0;
            for (var cell = 0; cell < rows[k].Length; cell++)
            {
                if (Fields.LevelInCell(k, cell, field) == level)
                {
                    sum += rows[k][cell];
                }
            }

            return sum;
        }

        throw new ArgumentOutOfRangeException(nameof(field), field, "no such field");
    }

    private static double[][] Normalised(double[][] rows)
    {
        var copy = new double[rows.Length][];
        for (var f = 0; f < rows.Length; f++)
        {
            var sum = 0.0;
            foreach (var p in rows[f])
            {
                sum += p;
            }

            copy[f] = new double[rows[f].Length];
            for (var l = 0; l < copy[f].Length; l++)
            {
                copy[f][l] = Math.Max(rows[f][l] / sum, 1e-6);
            }
        }

        return copy;
    }
}
