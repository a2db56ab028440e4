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

    // Stage 1 + 2 on the same seed (measured 2026-12-07: strong 0.995 / 0.877; all bands 0.971 / 0.991), minus a margin.
    // On this small project (10,002 candidates) stage 2 costs precision; on 6,000 persons it does not (docs/matching.md).
    private const double Stage2StrongRecallFloor = 0.86;
    private const double Stage2AllPrecisionFloor = 0.96;
    private const double Stage2AllRecallFloor = 0.98;

    [Fact]
    public void Stage_two_keeps_its_precision_and_recall_on_a_fixed_synthetic_seed_and_finds_more_than_stage_one()
    {
        using var dir = new TempDirectory();
        var data = SyntheticGenerator.Generate(new SynthOptions { Persons = 1500, Seed = 7 });
        SyntheticDatasetWriter.Write(data, dir.Path);
        var exports = data.Parties.Select(p => PartyExport.Load(p, dir.File(SyntheticDatasetWriter.PartyFileName(p)), ColumnMap.Default)).ToList();
        var truth = EvaluationTruth.Load(dir.File(SyntheticDatasetWriter.TruthFileName), null);
        var stage1 = InProcessMatching.Run(exports, MatchKeySchema.Default);

        var first = MatchQuality.Evaluate(stage1, truth, null);
        var quality = MatchQuality.Evaluate(Stage2InProcess.Run(exports, MatchKeySchema.Default, stage1).Pairs, truth, null);

        Assert.True(quality[0].Precision >= StrongPrecisionFloor, $"strong precision {quality[0].Precision:F4}");
        Assert.True(quality[0].Recall >= Stage2StrongRecallFloor, $"strong recall {quality[0].Recall:F4}");
        Assert.True(quality[2].Precision >= Stage2AllPrecisionFloor, $"all-bands precision {quality[2].Precision:F4}");
        Assert.True(quality[2].Recall >= Stage2AllRecallFloor, $"all-bands recall {quality[2].Recall:F4}");
        Assert.True(quality[2].Recall > first[2].Recall, $"stage 2 recall {quality[2].Recall:F4} vs stage 1 {first[2].Recall:F4}");
    }
}
