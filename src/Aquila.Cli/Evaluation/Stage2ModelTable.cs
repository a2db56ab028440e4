using System.Globalization;
using System.Text;
using Aquila.Matching.Scoring;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Evaluation;

/// <summary>
/// Prints a fitted stage-2 model: per factor (a field, or given and family name jointly), m and u of each agreement
/// level and its weight. A joint factor shows only the cells that hold at least 0.1 % of either class. A model with a related
/// class (twins, siblings) also prints r, P(level | related pair), and its prior first.
/// </summary>
internal static class Stage2ModelTable
{
    /// <summary>The band thresholds chosen with the fit, and where the possible one came from.</summary>
    public static string Thresholds(BandThresholds thresholds, ScoringSpec spec)
    {
        var possible = spec.PossibleWeight is { } weight
            ? string.Create(CultureInfo.InvariantCulture,
                $"possible ≥ {thresholds.Possible:F4} (the posterior of match weight {weight:0.0#} bits under the fitted prior, within {spec.PossibleThreshold:0.0###}–{spec.ProbableThreshold:0.0###})")
            : string.Create(CultureInfo.InvariantCulture, $"possible ≥ {thresholds.Possible:0.0###}");
        return string.Create(CultureInfo.InvariantCulture,
            $"Band thresholds chosen with the fit: strong ≥ {thresholds.Strong:0.0###}, probable ≥ {thresholds.Probable:0.0###}, {possible}.");
    }

    public static void Write(FellegiSunterModel model)
    {
        var fields = model.Fields;
        if (model.HasRelated)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  classes: same person {model.Prior:F4}, related {model.RelatedPrior:F4}, unrelated {1 - model.Prior - model.RelatedPrior:F4}"));
        }

        for (var k = 0; k < fields.FactorCount; k++)
        {
            var joint = fields.FactorFields(k).Count > 1;
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"  {string.Join('×', fields.FactorFields(k).Select(f => fields.Names[f])),-12}");
            for (var c = 0; c < fields.FactorCells(k); c++)
            {
                var (m, u) = (model.FactorM(k, c), model.FactorU(k, c));
                var r = model.HasRelated ? model.FactorR(k, c) : 0;
                if (joint && m < 0.001 && u < 0.001 && r < 0.001)
                {
                    continue;
                }

                line.Append(CultureInfo.InvariantCulture, $" {fields.DescribeCell(k, c)} m={m:F3} u={u:F4}");
                if (model.HasRelated)
                {
                    line.Append(CultureInfo.InvariantCulture, $" r={r:F3}");
                }

                line.Append(CultureInfo.InvariantCulture, $" w={Math.Log2(m / u):+0.0;-0.0}");
                if (joint)
                {
                    line.Append(';');
                }
            }

            Console.Out.WriteLine(line.ToString());
        }
    }
}
