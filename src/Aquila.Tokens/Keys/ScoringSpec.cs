using System.Text.Json;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Input;

namespace Aquila.Tokens.Keys;

/// <summary>
/// The stage-2 part of a match-key schema (DESIGN §3, the <c>"scoring"</c> object): which comparison fields a vector
/// holds (id, kind, source field), which candidate blocks the nodes write (each made of named parts), how many records of one party a block value may hold before that party's records are left out of it, and the
/// posterior thresholds of the bands. A schema without it matches by stage-1 keys alone.
/// </summary>
public sealed class ScoringSpec
{
    /// <summary>Default of <see cref="MaxBlockFanout"/>.</summary>
    public const int DefaultMaxBlockFanout = 20;

    private ScoringSpec(IReadOnlyList<BlockDefinition> blocks, IReadOnlyList<ScoringField> fields, (int, int)? swap,
        IReadOnlyList<IReadOnlyList<int>> joint, int maxBlockFanout, double strong, double probable, double possible)
    {
        Joint = joint;
        BlockDefinitions = blocks;
        Blocks = [.. blocks.Select(b => b.Id)];
        Fields = fields;
        Layout = new VectorLayout(fields, swap);
        MaxBlockFanout = maxBlockFanout;
        StrongThreshold = strong;
        ProbableThreshold = probable;
        PossibleThreshold = possible;
    }

    /// <summary>Block ids in file order; a block's index here is the byte a batch carries for it.</summary>
    public IReadOnlyList<string> Blocks { get; }

    /// <summary>The blocks with the parts their values are made of, in file order.</summary>
    public IReadOnlyList<BlockDefinition> BlockDefinitions { get; }

    /// <summary>The comparison fields, in vector order.</summary>
    public IReadOnlyList<ScoringField> Fields { get; }

    /// <summary>
    /// Groups of comparison fields (indexes into <see cref="Fields"/>) the matcher's model takes jointly rather than as
    /// independent: e.g. given, family and father's name, whose agreements go together among siblings.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> Joint { get; }

    /// <summary>The comparison vector's byte layout for <see cref="Fields"/>.</summary>
    public VectorLayout Layout { get; }

    /// <summary>
    /// Records of one party sharing a block value beyond which that party's records are left out of it, for a block
    /// without its own <c>"max_fanout"</c> (<see cref="BlockFanout"/>).
    /// </summary>
    public int MaxBlockFanout { get; }

    /// <summary>
    /// The fanout cap of block <paramref name="blockIndex"/>: its own <c>"max_fanout"</c>, else <see cref="MaxBlockFanout"/>
    /// (also for an index past the block list, e.g. a posting whose block is unknown). A coarse block (no date part) gets a
    /// tight cap so that the candidates per record stay bounded as the population grows (docs/matching.md).
    /// </summary>
    public int BlockFanout(int blockIndex) =>
        (uint)blockIndex < (uint)BlockDefinitions.Count && BlockDefinitions[blockIndex].MaxFanout is { } own ? own : MaxBlockFanout;

    /// <summary>
    /// Which stage-1 hits are released on stage 1's word (<c>"stage1"</c>: <c>"all-bands"</c>, the default, or
    /// <c>"strong-only"</c>): with <see cref="Stage1Verdicts.StrongOnly"/> a hit whose best key is below strong takes the
    /// band stage 2 scores for the pair, or is no hit.
    /// </summary>
    public Stage1Verdicts Stage1 { get; private init; }

    /// <summary>
    /// Strength of the prior toward the starting model in the per-project EM fit, as a share of the project's candidate
    /// pairs (<c>"em_prior": { "share": … }</c>; docs/record-types.md); 0, the default, fits without a prior.
    /// </summary>
    public double EmPriorShare { get; private init; }

    /// <summary>
    /// Comparison fields (indexes into <see cref="Fields"/>) that must agree — equal, or close for a string-bloom field —
    /// for a scored pair to be strong (<c>"strong_needs": ["vin"]</c>; docs/record-types.md); a pair that scores strong
    /// without them is probable. Empty, the default: the posterior alone decides.
    /// </summary>
    public IReadOnlyList<int> StrongNeeds { get; private init; } = [];

    /// <summary>True when a stage-1 hit in <paramref name="band"/> waits for stage 2's band instead of being released.</summary>
    public bool HoldsStage1(MatchBand band) => Stage1 == Stage1Verdicts.StrongOnly && band < MatchBand.Strong;

    /// <summary>Posterior at or above which a scored pair is a strong hit.</summary>
    public double StrongThreshold { get; }

    /// <summary>Posterior at or above which a scored pair is a probable hit.</summary>
    public double ProbableThreshold { get; }

    /// <summary>Posterior at or above which a scored pair is a possible hit; below it, no hit.</summary>
    public double PossibleThreshold { get; }

    /// <summary>
    /// The least match weight (log2 of the likelihood ratio, in bits, as <c>aquila eval</c> prints per field) a scored pair
    /// needs to be a possible hit, or null when <see cref="PossibleThreshold"/> alone decides (<c>"bands"</c>.
    /// <c>"possible_weight"</c>). With it, each project's possible threshold is the posterior this weight gives under the
    /// share of true pairs its own fit found (never below <see cref="PossibleThreshold"/>, never above
    /// <see cref="ProbableThreshold"/>): a small project, whose candidates hold a larger share of true pairs, needs a
    /// higher posterior for the same evidence.
    /// </summary>
    public double? PossibleWeight { get; private init; }

    /// <summary>Dice bound of the string level "partial" (the matcher's); a <c>"weak_dice"</c> bound lies below it.</summary>
    public const double PartialDice = 0.6;

    /// <summary>
    /// The Dice coefficient from which two string fragments below the partial level still count as "weak" agreement (a
    /// sixth string level between partial and far; <c>"weak_dice"</c>), or null for five string levels. A typo that
    /// transposes two inner letters of a short name gives a Dice of about 0.5: with the level such a pair is told
    /// apart from two different names (docs/matching.md, "Harsh-profile recall: where the misses are now").
    /// </summary>
    public double? WeakDice { get; private init; }

    /// <summary>Index of block <paramref name="id"/> in <see cref="Blocks"/>, or -1.</summary>
    public int IndexOf(string id)
    {
        for (var i = 0; i < Blocks.Count; i++)
        {
            if (string.Equals(Blocks[i], id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    internal static ScoringSpec Parse(JsonElement element, RecordType recordType, Func<string, MatchKeySchemaException> invalid)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw invalid("\"scoring\" must be an object");
        }

        var weakDice = ScoringSpecParser.WeakDice(element, invalid);
        var fields = ScoringSpecParser.Fields(element, recordType, weakDice is not null, invalid);
        var swap = ScoringSpecParser.Swap(element, fields, invalid);
        var joint = ScoringSpecParser.Joint(element, fields, weakDice is not null, invalid);
        var blocks = ScoringSpecParser.Blocks(element, recordType, invalid);

        var fanout = DefaultMaxBlockFanout;
        if (element.TryGetProperty("max_block_fanout", out var fanoutElement)
            && (!fanoutElement.TryGetInt32(out fanout) || fanout < 1 || fanout > ScoringSpecParser.MaxFanoutLimit))
        {
            throw invalid($"\"scoring\".\"max_block_fanout\" must be a whole number from 1 to {ScoringSpecParser.MaxFanoutLimit}");
        }

        if (!element.TryGetProperty("bands", out var bands) || bands.ValueKind != JsonValueKind.Object)
        {
            throw invalid("\"scoring\".\"bands\" must be an object with strong, probable and possible posterior thresholds");
        }

        var strong = Threshold(bands, "strong", invalid);
        var probable = Threshold(bands, "probable", invalid);
        var possible = Threshold(bands, "possible", invalid);
        if (!(strong >= probable && probable >= possible))
        {
            throw invalid("\"scoring\".\"bands\": thresholds must satisfy strong ≥ probable ≥ possible");
        }

        return new ScoringSpec(blocks, fields, swap, joint, fanout, strong, probable, possible)
        {
            Stage1 = ScoringSpecParser.Stage1(element, invalid),
            PossibleWeight = Weight(bands, "possible_weight", invalid),
            EmPriorShare = ScoringSpecParser.EmPriorShare(element, invalid),
            WeakDice = weakDice,
            StrongNeeds = ScoringSpecParser.StrongNeeds(element, fields, invalid),
        };
    }

    // An optional match weight in bits: positive, at most 64 (a likelihood ratio of 2^64 is past any posterior a double holds).
    private static double? Weight(JsonElement bands, string name, Func<string, MatchKeySchemaException> invalid)
    {
        if (!bands.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var weight) || !(weight > 0 && weight <= 64))
        {
            throw invalid($"\"scoring\".\"bands\".\"{name}\" must be a match weight in bits, above 0 and at most 64");
        }

        return weight;
    }

    private static double Threshold(JsonElement bands, string name, Func<string, MatchKeySchemaException> invalid)
    {
        if (!bands.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var threshold) || !(threshold > 0 && threshold < 1))
        {
            throw invalid($"\"scoring\".\"bands\".\"{name}\" must be a posterior between 0 and 1 (exclusive)");
        }

        return threshold;
    }
}
