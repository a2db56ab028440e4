using System.Buffers.Binary;
using System.Globalization;
using Aquila.Cli.Local;
using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Synthetic;
using Aquila.Synthetic.Vehicles;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Cli.Tests.Evaluation;

/// <summary>
/// Issue 16: the embedded store's stage 2 gives what <c>aquila eval</c> reports (Stage2InProcess) on the same records
/// under the same project key — exactly the same hit pairs with the same bands, scores and agreement levels, since both
/// compare a pair under its canonical comparing block — so the figures eval prints are the service's.
/// </summary>
public class ServiceMatchesEvalTests
{
    [Fact]
    public async Task The_embedded_store_finds_exactly_the_hit_pairs_and_bands_of_the_in_process_stage_two_under_the_same_project_key()
    {
        using var dir = new TempDirectory();
        var data = SyntheticGenerator.Generate(new SynthOptions { Persons = 600, Seed = 21 });
        SyntheticDatasetWriter.Write(data, dir.Path);
        var schema = MatchKeySchema.Default;
        using var key = ProjectKey.Generate();
        // Every record of the exports, also those with no stage-1 key: the node carries them into stage 2 when they have
        // blocks (issue 16), and eval must count them as the node does.
        var exports = data.Parties.Select(p => PartyExport.Load(p, dir.File(SyntheticDatasetWriter.PartyFileName(p)), ColumnMap.Default)).ToList();
        Assert.True(exports.Sum(e => Keyless(e, schema, key)) > 0, "no record without a stage-1 key");
        var stage1 = InProcessMatching.Run(exports, schema);
        var result = Stage2InProcess.Run(exports, schema, stage1, key);
        var eval = EvalRows(result);

        var service = await ServiceAsync(exports, schema, key, dir.File("wal"));

        Assert.True(eval.Count > stage1.Count, $"stage 2 found nothing beyond stage 1 ({eval.Count} vs {stage1.Count})");
        // One project key, one comparing block per pair (ComparingBlock), one EM fit on the same patterns in the same
        // order: the same hits, bands, scores (as the service keeps them, 32-bit) and agreement levels.
        Assert.Equal(eval, service);
    }

    [Fact]
    public async Task On_vehicles_the_embedded_store_gives_the_in_process_stage_two_with_probable_stage_one_hits_held_for_their_score()
    {
        using var dir = new TempDirectory();
        var data = VehicleGenerator.Generate(new VehicleSynthOptions { Vehicles = 800, Seed = 21 });
        VehicleDatasetWriter.Write(data, dir.Path);
        var schema = MatchKeySchema.Vehicles;
        using var key = ProjectKey.Generate();
        var exports = data.Parties.Select(p =>
            PartyExport.Load(p, dir.File(SyntheticDatasetWriter.PartyFileName(p)), ColumnMap.Default, RecordType.Vehicle)).ToList();
        var stage1 = InProcessMatching.Run(exports, schema);
        var result = Stage2InProcess.Run(exports, schema, stage1, key);
        var eval = EvalRows(result);

        var service = await ServiceAsync(exports, schema, key, dir.File("wal"));

        // The schema's "stage1": "strong-only": some probable stage-1 hit took another band from its score, or none.
        var final = result.Pairs.ToDictionary(p => (p.PartyA, p.RecordA, p.PartyB, p.RecordB), p => p.Band);
        Assert.Equal(Stage1Verdicts.StrongOnly, schema.Scoring!.Stage1);
        Assert.Contains(stage1, p => p.Band < MatchBand.Strong
            && (!final.TryGetValue((p.PartyA, p.RecordA, p.PartyB, p.RecordB), out var band) || band < p.Band));
        Assert.Equal(eval, service);
    }

    // Eval's hits as the lines Row writes, sorted: a hit stage 2 scored with its score and agreement.
    private static List<string> EvalRows(Stage2InProcess.Result result) =>
        [.. result.Pairs
            .Select(p => result.Scores.TryGetValue(p.HitId, out var score)
                ? Row(p.PartyA, p.RecordA, p.PartyB, p.RecordB, p.Band, score, p.Keys)
                : Row(p.PartyA, p.RecordA, p.PartyB, p.RecordB, p.Band, null, []))
            .Order(StringComparer.Ordinal)];

    // One hit as a line: the pair (party order), band, score and agreement when stage 2 scored it.
    private static string Row(string partyA, string recordA, string partyB, string recordB, MatchBand band, double? score, IReadOnlyList<string> agreement) =>
        $"{partyA} {recordA} {partyB} {recordB} {band} {(score is { } s ? ((float)s).ToString("R", CultureInfo.InvariantCulture) : "-")} {string.Join(' ', agreement)}";

    private static int Keyless(PartyExport export, MatchKeySchema schema, ProjectKey key)
    {
        using var tokenizer = new RecordTokenizer(schema, key, unparsedDateAsMissing: true);
        var entries = new byte[RecordTokenizer.MaxEntryBytes];
        return export.Records.Count(r => tokenizer.Tokenize(r, entries).NoKey);
    }

    // The records through the embedded store as the server runs it: batches with block entries, Matching starts scoring.
    private static async Task<List<string>> ServiceAsync(List<PartyExport> exports, MatchKeySchema schema, ProjectKey key, string directory)
    {
        var parties = exports.Select(e => e.Party).ToList();
        var definition = new ProjectDefinition
        {
            ProjectId = "service-vs-eval", Parties = parties, SchemaHash = schema.Hash, Keys = HitKey.FromSchema(schema), MaxFanout = 5,
            Scoring = schema.Scoring,
        };
        var options = new ProjectMatcherOptions
        {
            Directory = directory, DataKey = new byte[32], ServerKey = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(),
        };
        await using var matcher = await ProjectMatcher.OpenAsync(definition, options, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
        using (var tokenizer = new RecordTokenizer(schema, key, unparsedDateAsMissing: true))
        using (var comparisons = new RecordComparisonWriter(key, schema))
        {
            var entries = new byte[RecordTokenizer.MaxEntryBytes];
            var blocks = new List<BlockVector>();
            var handle = new byte[RecordHandle.Size];
            for (var p = 0; p < exports.Count; p++)
            {
                var batch = new TokenBatch();
                batch.CarryStage2(schema.Scoring!.Layout.Length);
                for (var i = 0; i < exports[p].Records.Count; i++)
                {
                    var record = exports[p].Records[i];
                    var outcome = tokenizer.Tokenize(record, entries);
                    if (!outcome.Success && !outcome.NoKey)
                    {
                        continue; // as the node's tokeniser: a rejected record is not sent, blocks included
                    }

                    comparisons.Write(record, blocks);
                    if (!outcome.Success && blocks.Count == 0)
                    {
                        continue; // no stage-1 key and no block: the node rejects it too
                    }

                    BinaryPrimitives.WriteInt32LittleEndian(handle, i);
                    batch.AddRecord(handle);
                    for (var t = 0; t < outcome.TokenCount; t++)
                    {
                        batch.AddToken(entries[t * BatchFormat.TokenEntryLength], entries.AsSpan((t * BatchFormat.TokenEntryLength) + 1, 16));
                    }

                    foreach (var block in blocks)
                    {
                        batch.AddBlock((byte)block.BlockIndex, block.Token, block.Vector);
                    }
                }

                var id = new byte[16];
                id[0] = (byte)p;
                var outcomeOfSubmit = await matcher.SubmitAsync(parties[p], id, new byte[32], batch, TestContext.Current.CancellationToken);
                Assert.Equal(SubmitStatus.Accepted, outcomeOfSubmit.Status);
            }
        }

        await matcher.StartScoringAsync(TestContext.Current.CancellationToken);

        // Each hit as both parties see it: the latest band, and each side's record.
        var sides = new Dictionary<HitId, List<(string Party, string Record)>>();
        var bands = new Dictionary<HitId, (MatchBand Band, double? Score, IReadOnlyList<string> Agreement)>();
        var own = new byte[RecordHandle.Size];
        for (var p = 0; p < exports.Count; p++)
        {
            foreach (var e in matcher.ReadCurrentHits(parties[p], 0, int.MaxValue, out _))
            {
                e.Hit.OwnHandle.WriteTo(own);
                var record = exports[p].Records[BinaryPrimitives.ReadInt32LittleEndian(own)].RecordId;
                if (!sides.TryGetValue(e.Hit.HitId, out var list))
                {
                    sides[e.Hit.HitId] = list = [];
                }

                if (!list.Contains((parties[p], record)))
                {
                    list.Add((parties[p], record));
                }

                bands[e.Hit.HitId] = (e.Hit.Band, e.Hit.Score, e.Hit.Score is null ? [] : e.Hit.Agreement);
            }
        }

        return [.. sides.Select(s =>
        {
            var ordered = s.Value.OrderBy(x => x.Party, StringComparer.Ordinal).ToList();
            var (band, score, agreement) = bands[s.Key];
            return Row(ordered[0].Party, ordered[0].Record, ordered[1].Party, ordered[1].Record, band, score, agreement);
        }).Order(StringComparer.Ordinal)];
    }
}
