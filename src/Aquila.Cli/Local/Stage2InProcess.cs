using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Aquila.Matching.Scoring;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Local;

/// <summary>
/// Stage 2 of a dry run in this process (DESIGN §3): each party's node writes block tokens and block-salted comparison
/// vectors with the real node code; candidates are the cross-party records that share a block token (a block value
/// held by more than its block's fanout cap of records of one party is not used by that party); each candidate is
/// compared field by field under its canonical comparing block (<see cref="ComparingBlock"/>, as the matcher does), the
/// Fellegi–Sunter model is fitted by EM on this run's candidates alone (patterns in code order, as the matcher), the band
/// thresholds are chosen from that fit (<see cref="BandThresholds"/>, as the matcher), and the posterior decides the band; a stage-1 hit keeps at least its stage-1 band (on a <c>"stage1": "strong-only"</c> schema
/// only a strong one: a weaker one takes the posterior's band, or is no hit). Under one project key it gives exactly the
/// embedded store's hits, bands and scores (ServiceMatchesEvalTests).
/// </summary>
internal static class Stage2InProcess
{
    /// <summary>The result: the combined hit pairs, the model fitted on this run and the band thresholds chosen with it.</summary>
    public sealed record Result(List<HitPair> Pairs, FellegiSunterModel Model, BandThresholds Thresholds, int Candidates, int Patterns)
    {
        /// <summary>The posterior of each hit whose pair was scored, by hit id.</summary>
        public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();
    }

    /// <summary>Runs stage 2 under a project key drawn for this run alone (what <c>aquila eval</c> does).</summary>
    public static Result Run(IReadOnlyList<PartyExport> exports, MatchKeySchema schema, IReadOnlyList<HitPair> stage1)
    {
        using var projectKey = ProjectKey.Generate();
        return Run(exports, schema, stage1, projectKey);
    }

    /// <summary>
    /// Runs stage 2 under the given project key, so that a run over the same records and key can be compared exactly
    /// with the service's (the Bloom fragments, and with them the Dice levels and the EM fit, depend on the key).
    /// </summary>
    public static Result Run(IReadOnlyList<PartyExport> exports, MatchKeySchema schema, IReadOnlyList<HitPair> stage1, ProjectKey projectKey)
    {
        ArgumentNullException.ThrowIfNull(exports);
        ArgumentNullException.ThrowIfNull(projectKey);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(stage1);
        var scoring = schema.Scoring
            ?? throw new ArgumentException($"Schema {schema.Source} has no \"scoring\" section.", nameof(schema));
        var scorer = new PairScorer(scoring);
        var vectors = new List<byte[]>();
        var postings = new Dictionary<UInt128, List<Posting>>();
        using (var writer = new RecordComparisonWriter(projectKey, schema))
        using (var tokenizer = new RecordTokenizer(schema, projectKey, unparsedDateAsMissing: true))
        {
            var blocks = new List<BlockVector>();
            var entries = new byte[RecordTokenizer.MaxEntryBytes];
            for (var party = 0; party < exports.Count; party++)
            {
                var records = exports[party].Records;
                for (var ordinal = 0; ordinal < records.Count; ordinal++)
                {
                    // The node carries a record with no stage-1 key (no date and no identifier) into stage 2 when it has
                    // blocks, and rejects one that is invalid: the same filter here keeps eval's figures the service's.
                    var outcome = tokenizer.Tokenize(records[ordinal], entries);
                    if (!outcome.Success && !outcome.NoKey)
                    {
                        continue;
                    }

                    writer.Write(records[ordinal], blocks);
                    var (blockIndex, rank) = (-1, 0);
                    foreach (var block in blocks)
                    {
                        // The value's rank among the record's values of its block, as the matcher counts it from the batch.
                        (blockIndex, rank) = block.BlockIndex == blockIndex ? (blockIndex, rank + 1) : (block.BlockIndex, 0);
                        vectors.Add(block.Vector);
                        var key = BinaryPrimitives.ReadUInt128BigEndian(block.Token);
                        if (!postings.TryGetValue(key, out var list))
                        {
                            postings[key] = list = [];
                        }

                        list.Add(new Posting(party, ordinal, vectors.Count - 1, blockIndex, rank));
                    }
                }
            }
        }

        var stage1Bands = new Dictionary<(int, int, int, int), MatchBand>();
        var ordinals = exports.Select(e => e.Records.Select((r, i) => (r.RecordId, i)).ToDictionary(x => x.RecordId, x => x.i)).ToArray();
        var partyIndex = exports.Select((e, i) => (e.Party, i)).ToDictionary(x => x.Party, x => x.i, StringComparer.Ordinal);
        (int, int, int, int) KeyOf(HitPair pair) => Ordered(partyIndex[pair.PartyA], ordinals[partyIndex[pair.PartyA]][pair.RecordA],
            partyIndex[pair.PartyB], ordinals[partyIndex[pair.PartyB]][pair.RecordB]);
        foreach (var pair in stage1)
        {
            stage1Bands[KeyOf(pair)] = pair.Band;
        }

        var candidates = Candidates(postings, exports.Count, scoring);
        var levels = new Dictionary<(int, int, int, int), byte[]>(candidates.Count);
        var patterns = new SortedDictionary<ulong, (byte[] Levels, long Count)>(); // code order, as the matcher fits
        foreach (var (pair, (va, vb, _)) in candidates)
        {
            var row = new byte[scorer.FieldCount];
            scorer.Compare(vectors[va], vectors[vb], row);
            levels[pair] = row;
            var code = Code(row);
            patterns[code] = patterns.TryGetValue(code, out var seen) ? (row, seen.Count + 1) : (row, 1);
        }

        var model = scorer.Fit([.. patterns.Values]);
        var thresholds = scorer.Thresholds(model); // as the matcher chooses and records them with its fit
        var pairs = new List<HitPair>();
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (pair, row) in levels)
        {
            // A stage-1 hit keeps at least its stage-1 band: the score can lift a pair, never drop a key's verdict; on a
            // "strong-only" schema a hit below strong is evidence only and takes the score's band, or none (issue 23).
            var band = scorer.Band(model, thresholds, row, out var posterior);
            if (stage1Bands.TryGetValue(pair, out var first) && !scoring.HoldsStage1(first) && (band is null || first > band))
            {
                band = first;
            }

            if (band is { } b)
            {
                var hit = Pair(exports, pair, b, scorer.DescribeFields(row));
                pairs.Add(hit);
                scores[hit.HitId] = posterior;
            }
        }

        // Stage-1 hits whose records share no candidate block keep their stage-1 band (a held one, never scored, is no hit).
        foreach (var pair in stage1)
        {
            if (!levels.ContainsKey(KeyOf(pair)) && !scoring.HoldsStage1(pair.Band))
            {
                pairs.Add(pair);
            }
        }

        return new Result(pairs, model, thresholds, candidates.Count, patterns.Count) { Scores = scores };
    }

    // Each cross-party pair sharing a usable block value, with the vectors of its canonical comparing block: the lowest
    // ComparingBlock key over the values the two records share (lower party's rank first).
    private static Dictionary<(int, int, int, int), (int, int, int)> Candidates(
        Dictionary<UInt128, List<Posting>> postings, int parties, ScoringSpec scoring)
    {
        var candidates = new Dictionary<(int, int, int, int), (int, int, int)>();
        var perParty = new int[parties];
        foreach (var list in postings.Values)
        {
            if (list.Count < 2)
            {
                continue;
            }

            // A token belongs to one block (the block id is part of its value): the block's own cap applies.
            var maxBlockFanout = scoring.BlockFanout(list[0].Block);
            Array.Clear(perParty);
            foreach (var posting in list)
            {
                perParty[posting.Party]++;
            }

            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    var (a, b) = (list[i], list[j]);
                    if (a.Party == b.Party || perParty[a.Party] > maxBlockFanout || perParty[b.Party] > maxBlockFanout)
                    {
                        continue;
                    }

                    var key = Ordered(a.Party, a.Ordinal, b.Party, b.Ordinal);
                    var (first, second) = a.Party < b.Party ? (a, b) : (b, a);
                    var block = ComparingBlock.Key(first.Block, first.Rank, second.Rank);
                    if (!candidates.TryGetValue(key, out var seen) || block < seen.Item3)
                    {
                        candidates[key] = (first.Vector, second.Vector, block);
                    }
                }
            }
        }

        return candidates;
    }

    private readonly record struct Posting(int Party, int Ordinal, int Vector, int Block, int Rank);

    private static (int, int, int, int) Ordered(int partyA, int ordinalA, int partyB, int ordinalB) =>
        partyA < partyB ? (partyA, ordinalA, partyB, ordinalB) : (partyB, ordinalB, partyA, ordinalA);

    private static ulong Code(ReadOnlySpan<byte> row)
    {
        ulong code = 0;
        foreach (var level in row)
        {
            code = (code << 4) | level;
        }

        return code;
    }

    private static HitPair Pair(IReadOnlyList<PartyExport> exports, (int PartyA, int OrdinalA, int PartyB, int OrdinalB) pair, MatchBand band,
        IReadOnlyList<string> agreement)
    {
        var a = exports[pair.PartyA];
        var b = exports[pair.PartyB];
        var (first, firstRecord, second, secondRecord) = string.CompareOrdinal(a.Party, b.Party) < 0
            ? (a.Party, a.Records[pair.OrdinalA].RecordId, b.Party, b.Records[pair.OrdinalB].RecordId)
            : (b.Party, b.Records[pair.OrdinalB].RecordId, a.Party, a.Records[pair.OrdinalA].RecordId);
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{first}\n{firstRecord}\n{second}\n{secondRecord}")).AsSpan(0, 16));
        return new HitPair(id, first, firstRecord, second, secondRecord, band, agreement);
    }
}
