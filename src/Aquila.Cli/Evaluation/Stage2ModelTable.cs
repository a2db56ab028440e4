using System.Globalization;
using System.Text;
using Aquila.Matching.Scoring;

namespace Aquila.Cli.Evaluation;

/// <summary>Prints a fitted stage-2 model: per field, m and u of each agreement level and its weight.</summary>
internal static class Stage2ModelTable
{
    public static void Write(FellegiSunterModel model)
    {
        var fields = model.Fields;
        for (var f = 0; f < fields.Count; f++)
        {
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"  {fields.Names[f],-12}");
            for (var l = 0; l < fields.Levels(f); l++)
            {
                var weight = Math.Log2(model.M(f, l) / model.U(f, l));
                line.Append(CultureInfo.InvariantCulture,
                    $" {fields.Describe(f, l)} m={model.M(f, l):F3} u={model.U(f, l):F4} w={weight:+0.0;-0.0}");
            }

            Console.Out.WriteLine(line.ToString());
        }
    }
}
