using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Aquila.Matching.Scoring;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Local;

/// <summary>
/// Stage 2 of a dry run in this process (DESIGN §3): each party's node writes block tokens and block-salted comparison
/// vectors with the real node code; candidates are the cross-party records that share a block token (a block value
/// held by more than <see cref="MaxBlockFanout"/> records of one party is not used by that party); each candidate is
/// compared field by field, the Fellegi–Sunter model is fitted by EM on this run's candidates alone, and the posterior
/// decides the band; a stage-1 hit keeps at least its stage-1 band. Not yet wired to the server (issue 16, step 1).
/// </summary>
internal static class Stage2InProcess
{
    /// <summary>Records of one party sharing a block value beyond which the party's records are left out of it.</summary>
    public const int MaxBlockFanout = 20;

    /// <summary>Posterior thresholds of the bands.</summary>
    /// <summary>
    /// Posterior thresholds of the bands, chosen on synth seed 11 and FEBRL 2 (docs/matching.md reports other seeds
    /// and FEBRL 1 and 3).
    /// </summary>
    public static (double Strong, double Probable, double Possible) Thresholds { get; } = (0.9999, 0.999, 0.95);

    /// <summary>The result: the combined hit pairs and the model fitted on this run.</summary>
    public sealed record Result(List<HitPair> Pairs, FellegiSunterModel Model, int Candidates, int Patterns);

    public static Result Run(IReadOnlyList<PartyExport> exports, MatchKeySchema schema, IReadOnlyList<HitPair> stage1)
    {
        ArgumentNullException.ThrowIfNull(exports);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(stage1);
        var vectors = new List<byte[]>();
        var postings = new Dictionary<UInt128, List<(int Party, int Ordinal, int Vector)>>();
        using (var projectKey = ProjectKey.Generate())
        using (var keys = new Stage2Keys(projectKey, schema.Hash.Span))
        using (var writer = new ComparisonVectorWriter())
        {
            var blocks = new List<(string Id, string Value)>();
            Span<byte> token = stackalloc byte[Stage2Keys.Length];
            Span<byte> salt = stackalloc byte[Stage2Keys.Length];
            for (var party = 0; party < exports.Count; party++)
            {
                var records = exports[party].Records;
                for (var ordinal = 0; ordinal < records.Count; ordinal++)
                {
                    var features = ComparisonFeatures.Of((PersonRecord)records[ordinal]);
                    CandidateBlocks.Collect(features, blocks);
                    foreach (var (id, value) in blocks)
                    {
                        keys.BlockToken(id, value, token);
                        keys.Salt(id, value, salt);
                        var vector = new byte[ComparisonVector.Length];
                        writer.Write(features, salt, vector);
                        vectors.Add(vector);
                        var key = BinaryPrimitives.ReadUInt128BigEndian(token);
                        if (!postings.TryGetValue(key, out var list))
                        {
                            postings[key] = list = [];
                        }

                        list.Add((party, ordinal, vectors.Count - 1));
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

        var candidates = Candidates(postings, exports.Count);
        var levels = new Dictionary<(int, int, int, int), byte[]>(candidates.Count);
        var patterns = new Dictionary<ulong, (byte[] Levels, long Count)>();
        foreach (var (pair, (va, vb)) in candidates)
        {
            var row = new byte[ComparisonField.Count];
            VectorComparer.Compare(vectors[va], vectors[vb], row);
            levels[pair] = row;
            var code = Code(row);
            patterns[code] = patterns.TryGetValue(code, out var seen) ? (row, seen.Count + 1) : (row, 1);
        }

        var model = ExpectationMaximization.Fit([.. patterns.Values], FellegiSunterModel.Defaults());
        var pairs = new List<HitPair>();
        foreach (var (pair, row) in levels)
        {
            // A stage-1 hit keeps at least its stage-1 band: the score can lift a pair, never drop a key's verdict.
            var band = BandOf(model.Posterior(row));
            if (stage1Bands.TryGetValue(pair, out var first) && (band is null || first > band))
            {
                band = first;
            }

            if (band is { } b)
            {
                pairs.Add(Pair(exports, pair, b, row));
            }
        }

        // Stage-1 hits whose records share no candidate block keep their stage-1 band.
        foreach (var pair in stage1)
        {
            if (!levels.ContainsKey(KeyOf(pair)))
            {
                pairs.Add(pair);
            }
        }

        return new Result(pairs, model, candidates.Count, patterns.Count);
    }

    private static MatchBand? BandOf(double posterior) =>
        posterior >= Thresholds.Strong ? MatchBand.Strong
        : posterior >= Thresholds.Probable ? MatchBand.Probable
        : posterior >= Thresholds.Possible ? MatchBand.Possible
        : null;

    private static Dictionary<(int, int, int, int), (int, int)> Candidates(
        Dictionary<UInt128, List<(int Party, int Ordinal, int Vector)>> postings, int parties)
    {
        var candidates = new Dictionary<(int, int, int, int), (int, int)>();
        var perParty = new int[parties];
        foreach (var list in postings.Values)
        {
            if (list.Count < 2)
            {
                continue;
            }

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
                    if (a.Party == b.Party || perParty[a.Party] > MaxBlockFanout || perParty[b.Party] > MaxBlockFanout)
                    {
                        continue;
                    }

                    var key = Ordered(a.Party, a.Ordinal, b.Party, b.Ordinal);
                    if (!candidates.ContainsKey(key))
                    {
                        candidates[key] = a.Party < b.Party ? (a.Vector, b.Vector) : (b.Vector, a.Vector);
                    }
                }
            }
        }

        return candidates;
    }

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
        ReadOnlySpan<byte> row)
    {
        var a = exports[pair.PartyA];
        var b = exports[pair.PartyB];
        var (first, firstRecord, second, secondRecord) = string.CompareOrdinal(a.Party, b.Party) < 0
            ? (a.Party, a.Records[pair.OrdinalA].RecordId, b.Party, b.Records[pair.OrdinalB].RecordId)
            : (b.Party, b.Records[pair.OrdinalB].RecordId, a.Party, a.Records[pair.OrdinalA].RecordId);
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{first}\n{firstRecord}\n{second}\n{secondRecord}")).AsSpan(0, 16));
        var agreement = new List<string>(ComparisonField.Count);
        for (var f = 0; f < ComparisonField.Count; f++)
        {
            agreement.Add(ComparisonField.Describe(f, row[f]));
        }

        return new HitPair(id, first, firstRecord, second, secondRecord, band, agreement);
    }
}
