using Aquila.Tokens.Keys;

namespace Aquila.Matching.Scoring;

/// <summary>
/// The posterior thresholds one project bands its scored pairs with, chosen when its model is fitted and recorded with
/// the fit (issue 16). Strong and probable are the schema's. Possible is the schema's too, unless the schema states a
/// least match weight (<see cref="ScoringSpec.PossibleWeight"/>): then it is the posterior a pair with that weight has
/// under the share of true pairs the project's own fit found, kept within the schema's possible and probable thresholds.
/// Why: the fitted share of true pairs among candidates is larger on a small project (fewer namesakes share a block), so
/// a fixed posterior threshold admits weaker evidence there; measured on synthetic projects of 1,500 to 6,000 persons,
/// the lowest threshold that keeps all-bands precision at 0.98 is about constant in weight, not in posterior
/// (docs/matching.md, "Band thresholds that follow the fit").
/// </summary>
public readonly record struct BandThresholds(double Strong, double Probable, double Possible)
{
    /// <summary>The schema's thresholds as written (what a fit recorded before thresholds were recorded with it used).</summary>
    public static BandThresholds Of(ScoringSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new BandThresholds(spec.StrongThreshold, spec.ProbableThreshold, spec.PossibleThreshold);
    }

    /// <summary>
    /// The thresholds of a project whose fit found a share <paramref name="prior"/> of true pairs among its candidates.
    /// Deterministic: the same schema and prior give the same thresholds.
    /// </summary>
    public static BandThresholds For(ScoringSpec spec, double prior)
    {
        var fixedThresholds = Of(spec);
        if (spec.PossibleWeight is not { } weight || !(prior > 0 && prior < 1))
        {
            return fixedThresholds;
        }

        // Posterior odds = prior odds × likelihood ratio; the ratio is 2^weight.
        var logOdds = Math.Log(prior / (1 - prior)) + (weight * Math.Log(2));
        var possible = 1 / (1 + Math.Exp(-logOdds));
        possible = Math.Clamp(possible, spec.PossibleThreshold, spec.ProbableThreshold);
        return fixedThresholds with { Possible = possible };
    }

    /// <summary>The band of a posterior, or null below <see cref="Possible"/>.</summary>
    public MatchBand? BandOf(double posterior) =>
        posterior >= Strong ? MatchBand.Strong
        : posterior >= Probable ? MatchBand.Probable
        : posterior >= Possible ? MatchBand.Possible
        : null;
}
