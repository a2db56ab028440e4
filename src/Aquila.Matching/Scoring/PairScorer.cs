using System.Text;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Scoring;

/// <summary>
/// The matcher's stage-2 entry point for one project (DESIGN §3): compares two comparison vectors that share a block
/// into per-field agreement levels, fits the project's Fellegi–Sunter model by EM on its own candidates' level
/// patterns, and turns levels into a posterior, a band and a text that says why (never a value). Callers outside this
/// namespace use only this class, so fields, levels and the model can change behind it.
/// </summary>
public sealed class PairScorer
{
    private readonly VectorComparer _comparer;

    /// <summary>A scorer for a schema's scoring section.</summary>
    public PairScorer(ScoringSpec scoring)
    {
        ArgumentNullException.ThrowIfNull(scoring);
        Scoring = scoring;
        Fields = new ComparisonFields(scoring.Layout, scoring.Joint, scoring.WeakDice is not null);
        _comparer = new VectorComparer(scoring.Layout, scoring.WeakDice);
    }


    /// <summary>The schema's scoring section: blocks, fanout cap, band thresholds.</summary>
    public ScoringSpec Scoring { get; }

    /// <summary>The schema's comparison fields, each with its levels.</summary>
    public ComparisonFields Fields { get; }

    /// <summary>Number of agreement levels one comparison writes (one per field of the schema).</summary>
    public int FieldCount => Fields.Count;

    /// <summary>Compares vectors <paramref name="a"/> and <paramref name="b"/> of one block into <paramref name="levels"/> (<see cref="FieldCount"/> bytes).</summary>
    public void Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> levels) => _comparer.Compare(a, b, levels);

    /// <summary>The starting model of a fit (schema defaults).</summary>
    public FellegiSunterModel StartingModel() => FellegiSunterModel.Defaults(Fields);

    /// <summary>
    /// Fits the model by EM on <paramref name="patterns"/> (distinct level patterns with how many candidate pairs show
    /// each): the two-class fit with the schema's prior (<see cref="ScoringSpec.EmPriorShare"/> × the candidate pairs;
    /// none when the schema declares none), then, when the schema has a joint group, the three-class refit that takes
    /// related persons out of the match class (<see cref="RelativesExpectationMaximization"/>). Deterministic for the
    /// same patterns in the same order.
    /// </summary>
    public FellegiSunterModel Fit(IReadOnlyList<(byte[] Levels, long Count)> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        long candidates = 0;
        foreach (var (_, count) in patterns)
        {
            candidates += count;
        }

        return RelativesExpectationMaximization.Fit(patterns,
            ExpectationMaximization.Fit(patterns, StartingModel(), Scoring.EmPriorShare * candidates));
    }

    /// <summary>P(true pair | <paramref name="levels"/>) under <paramref name="model"/>.</summary>
    public static double Posterior(FellegiSunterModel model, ReadOnlySpan<byte> levels)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Posterior(levels);
    }

    /// <summary>The band thresholds of a project whose fit is <paramref name="model"/> (<see cref="BandThresholds.For"/>).</summary>
    public BandThresholds Thresholds(FellegiSunterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return BandThresholds.For(Scoring, model.Prior);
    }

    /// <summary>
    /// The band of <paramref name="levels"/> under <paramref name="model"/> and <paramref name="thresholds"/>, or null
    /// when it is no hit; probable instead of strong when a field the schema's <see cref="ScoringSpec.StrongNeeds"/>
    /// names does not agree.
    /// </summary>
    public MatchBand? Band(FellegiSunterModel model, BandThresholds thresholds, ReadOnlySpan<byte> levels, out double posterior)
    {
        posterior = Posterior(model, levels);
        var band = thresholds.BandOf(posterior);
        return band == MatchBand.Strong && !HasStrongNeeds(levels) ? MatchBand.Probable : band;
    }

    private bool HasStrongNeeds(ReadOnlySpan<byte> levels)
    {
        foreach (var f in Scoring.StrongNeeds)
        {
            var agrees = levels[f] == ComparisonField.Equal
                || (levels[f] == ComparisonField.Close && Scoring.Fields[f].Kind == ScoringFieldKind.StringBloom);
            if (!agrees)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why a pair scored as it did, e.g. <c>given≈ family= father:missing dob:year±1 sex= …</c>: levels, never values.</summary>
    public string Describe(ReadOnlySpan<byte> levels)
    {
        var text = new StringBuilder();
        for (var f = 0; f < FieldCount; f++)
        {
            if (f > 0)
            {
                text.Append(' ');
            }

            text.Append(Fields.Describe(f, levels[f]));
        }

        return text.ToString();
    }

    /// <summary>The agreement of each field as a short text (see <see cref="Describe"/>).</summary>
    public IReadOnlyList<string> DescribeFields(ReadOnlySpan<byte> levels)
    {
        var fields = new string[FieldCount];
        for (var f = 0; f < FieldCount; f++)
        {
            fields[f] = Fields.Describe(f, levels[f]);
        }

        return fields;
    }
}
