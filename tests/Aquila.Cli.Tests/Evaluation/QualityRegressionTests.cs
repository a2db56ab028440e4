using Aquila.Cli.Evaluation;
using Aquila.Cli.Local;
using Aquila.Synthetic;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Tests.Evaluation;

public class QualityRegressionTests
{
    // Measured with the built-in schema on seed 7, 1500 persons (in-process path), (strong precision 1.000, recall 0.849; all bands 0.997 / 0.956), minus a margin of 0.01-0.02.
    // Raise them when the schema gets better; a drop below them is a regression.
    private const double StrongPrecisionFloor = 0.99;
    private const double StrongRecallFloor = 0.83;
    private const double AllPrecisionFloor = 0.985;
    private const double AllRecallFloor = 0.945;

    [Fact]
    public void The_built_in_schema_keeps_its_precision_and_recall_on_a_fixed_synthetic_seed()
    {
        using var dir = new TempDirectory();
        var data = SyntheticGenerator.Generate(new SynthOptions { Persons = 1500, Seed = 7 });
        SyntheticDatasetWriter.Write(data, dir.Path);
        var exports = data.Parties.Select(p => PartyExport.Load(p, dir.File(SyntheticDatasetWriter.PartyFileName(p)), ColumnMap.Default)).ToList();
        var truth = EvaluationTruth.Load(dir.File(SyntheticDatasetWriter.TruthFileName), null);

        var quality = MatchQuality.Evaluate(InProcessMatching.Run(exports, MatchKeySchema.Default), truth, null);

        Assert.True(quality[0].Precision >= StrongPrecisionFloor, $"strong precision {quality[0].Precision:F4}");
        Assert.True(quality[0].Recall >= StrongRecallFloor, $"strong recall {quality[0].Recall:F4}");
        Assert.True(quality[2].Precision >= AllPrecisionFloor, $"all-bands precision {quality[2].Precision:F4}");
        Assert.True(quality[2].Recall >= AllRecallFloor, $"all-bands recall {quality[2].Recall:F4}");
    }

    // Stage 1 + 2 on the same seed (measured 2026-12-07 with schema-declared fields, the given x family x father joint factor
    // and thresholds 0.9995 / 0.995 / 0.99: strong 0.993 / 0.904; all bands 0.984 / 0.988; since stage 2 leaves out the
    // records the node rejects, as the service does: strong 0.993 / 0.902-0.905, all bands 0.983 / 0.973-0.976; since the
    // node carries records with no stage-1 key but with blocks into stage 2: strong 0.993 / 0.908, all bands 0.984 / 0.990;
    // since a missing or year-only date is taken from the national id, three runs: strong 0.990-0.994 / 0.907-0.914, all
    // bands 0.975-0.982 / 0.993-0.996; since the person schema holds stage-1 hits below strong for their score and the
    // possible threshold follows the fit (issue 16, possible_weight 9.0), five runs: strong 0.992-0.993 / 0.908-0.914, all
    // bands 0.972-0.981 / 0.985-0.990; with the related-persons class in the fit, 20 runs of this test: strong 1.000 /
    // 0.910-0.920, all bands 0.995-0.997 / 0.977-0.985 — the class trades about half a point of all-bands recall here for
    // two points of precision, so that recall floor came down from 0.98), minus a margin of 0.01-0.015.
    // On this small project stage 2 costs some precision; on 6,000 persons much less (docs/matching.md).
    private const double Stage2StrongPrecisionFloor = 0.99;
    private const double Stage2StrongRecallFloor = 0.895;
    private const double Stage2AllPrecisionFloor = 0.985;
    private const double Stage2AllRecallFloor = 0.965;

    // Stage 1 + 2 on a harsh-profile seed (seed 8, 1500 persons; measured 2026-12-07: strong 1.000 / 0.824-0.833; all bands
    // 0.967 / 0.952-0.955; runs differ a little, the project key is random; since stage 2 leaves out the records the node
    // rejects, as the service does: strong 1.000 / 0.809-0.814, all bands 0.967 / 0.921; with records of no stage-1 key
    // carried into stage 2: strong 0.998 / 0.812, all bands 0.967 / 0.950; since a missing or year-only date is taken from
    // the national id, three runs: strong 1.000 / 0.845-0.850, all bands 0.970-0.972 / 0.953-0.959; since stage-1 hits
    // below strong are held for their score and the possible threshold follows the fit, five runs: strong 0.998-1.000 /
    // 0.843-0.852, all bands 0.986-0.988 / 0.953-0.960; with the related-persons class, 20 runs of this test: strong
    // 0.998-1.000 / 0.833-0.855, all bands 0.991-0.993 / 0.938-0.953 — recall floors came down from 0.83 and 0.94, which
    // failed about one run in five), minus a margin of 0.01-0.02. Stage 1 alone: strong 1.000 / 0.710,
    // all bands 0.977 / 0.867.
    private const double HarshStrongPrecisionFloor = 0.99;
    private const double HarshStrongRecallFloor = 0.82;
    private const double HarshAllPrecisionFloor = 0.98;
    private const double HarshAllRecallFloor = 0.925;

    [Fact]
    public void Stage_two_keeps_its_precision_and_recall_on_a_fixed_synthetic_seed_and_finds_more_than_stage_one()
    {
        var (first, quality) = BothStages(VariationRates.Default, seed: 7);

        Assert.True(quality[0].Precision >= Stage2StrongPrecisionFloor, $"strong precision {quality[0].Precision:F4}");
        Assert.True(quality[0].Recall >= Stage2StrongRecallFloor, $"strong recall {quality[0].Recall:F4}");
        Assert.True(quality[2].Precision >= Stage2AllPrecisionFloor, $"all-bands precision {quality[2].Precision:F4}");
        Assert.True(quality[2].Recall >= Stage2AllRecallFloor, $"all-bands recall {quality[2].Recall:F4}");
        Assert.True(quality[2].Recall > first[2].Recall, $"stage 2 recall {quality[2].Recall:F4} vs stage 1 {first[2].Recall:F4}");
    }

    [Fact]
    public void Stage_two_keeps_its_precision_and_recall_on_a_fixed_harsh_profile_seed()
    {
        var (first, quality) = BothStages(VariationRates.Harsh, seed: 8);

        Assert.True(quality[0].Precision >= HarshStrongPrecisionFloor, $"strong precision {quality[0].Precision:F4}");
        Assert.True(quality[0].Recall >= HarshStrongRecallFloor, $"strong recall {quality[0].Recall:F4}");
        Assert.True(quality[2].Precision >= HarshAllPrecisionFloor, $"all-bands precision {quality[2].Precision:F4}");
        Assert.True(quality[2].Recall >= HarshAllRecallFloor, $"all-bands recall {quality[2].Recall:F4}");
        Assert.True(quality[0].Recall > first[0].Recall, $"stage 2 strong recall {quality[0].Recall:F4} vs stage 1 {first[0].Recall:F4}");
    }

    private static (IReadOnlyList<MatchQuality> Stage1, IReadOnlyList<MatchQuality> Stage2) BothStages(VariationRates rates, int seed)
    {
        using var dir = new TempDirectory();
        var data = SyntheticGenerator.Generate(new SynthOptions { Persons = 1500, Seed = seed, Rates = rates });
        SyntheticDatasetWriter.Write(data, dir.Path);
        var exports = data.Parties.Select(p => PartyExport.Load(p, dir.File(SyntheticDatasetWriter.PartyFileName(p)), ColumnMap.Default)).ToList();
        var truth = EvaluationTruth.Load(dir.File(SyntheticDatasetWriter.TruthFileName), null);
        var stage1 = InProcessMatching.Run(exports, MatchKeySchema.Default);
        return (MatchQuality.Evaluate(stage1, truth, null), MatchQuality.Evaluate(Stage2InProcess.Run(exports, MatchKeySchema.Default, stage1).Pairs, truth, null));
    }
}
