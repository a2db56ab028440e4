using Aquila.Cli.Evaluation;
using Aquila.Cli.Local;
using Aquila.Synthetic;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Commands;

/// <summary>
/// The figures <c>aquila demo</c> prints side by side, as <c>aquila eval --stage2</c> does: stage 1 alone (the same
/// parties' exports matched by their stage-1 keys in this process) and stage 1 + 2 (the hits the service released).
/// </summary>
internal sealed record DemoStageComparison(EvaluationReport Stage1, EvaluationReport Stage1And2)
{
    /// <summary>
    /// The comparison of <paramref name="serviceHits"/> with stage 1 alone on the same exports, or null when
    /// <paramref name="schema"/> has no scoring (the service then runs stage 1 alone).
    /// </summary>
    public static DemoStageComparison? Build(MatchKeySchema schema, IReadOnlyList<string> parties, string exports,
        IReadOnlyList<TruthRow> truth, IReadOnlyList<HitPair> serviceHits)
    {
        if (schema.Scoring is null)
        {
            return null;
        }

        var loaded = parties.Select(p => PartyExport.Load(p, Path.Combine(exports, SyntheticDatasetWriter.PartyFileName(p)), ColumnMap.Default,
            schema.RecordType)).ToList();
        var stage1 = InProcessMatching.Run(loaded, schema);
        var known = new EvaluationTruth(truth.ToDictionary(t => new RecordRef(t.Party, t.RecordId), t => t.PersonId));
        return new DemoStageComparison(EvaluationReport.Build(stage1, known, null), EvaluationReport.Build(serviceHits, known, null));
    }
}
