using System.Text.Json;
using Aquila.Tokens.Input;

namespace Aquila.Tokens.Keys;

/// <summary>
/// Reads the parts of a schema's <c>"scoring"</c> object that name things: the comparison fields, the pair of fields
/// compared crosswise, and the candidate blocks. Every error names the bad entry; the caller adds the schema file.
/// </summary>
internal static class ScoringSpecParser
{
    /// <summary>Most comparison fields a schema may declare (a level pattern packs 4 bits per field into 64).</summary>
    public const int MaxFields = 16;

    /// <summary>Most blocks a schema may declare (a batch carries a block's index in one byte).</summary>
    public const int MaxBlocks = 255;

    public static List<ScoringField> Fields(JsonElement scoring, RecordType recordType, bool weakLevel, Func<string, MatchKeySchemaException> invalid)
    {
        if (!scoring.TryGetProperty("fields", out var array) || array.ValueKind != JsonValueKind.Array
            || array.GetArrayLength() == 0 || array.GetArrayLength() > MaxFields)
        {
            throw invalid($"\"scoring\".\"fields\" must be an array of 1 to {MaxFields} comparison fields");
        }

        var fields = new List<ScoringField>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"\"scoring\".\"fields\"[{index++}]";
            var id = Text(item, "id");
            if (!IsId(id))
            {
                throw invalid($"{at}: \"id\" must be a lowercase name (a-z, 0-9, _)");
            }

            if (fields.Exists(f => f.Id == id))
            {
                throw invalid($"{at}: field '{id}' appears twice");
            }

            if (!ScoringFieldKinds.TryParse(Text(item, "kind"), out var kind))
            {
                throw invalid($"{at} ('{id}'): \"kind\" must be one of {string.Join(", ", ScoringFieldKinds.All)}");
            }

            // The source is a canonical field of the schema's record type; its date field (a person's date of birth, a
            // vehicle's first registration) is read as a date and nothing else is.
            var names = RecordTypes.FieldNames(recordType);
            var type = RecordTypes.Name(recordType);
            var sourceName = Text(item, "source");
            var source = sourceName is null ? -1 : IndexOf(names, sourceName);
            if (source < 0 || names[source] is "record_id" or "subject_category")
            {
                throw invalid($"{at} ('{id}'): \"source\" must name a {type} field other than record_id and subject_category");
            }

            var dateField = RecordTypes.DateField(recordType);
            if ((kind == ScoringFieldKind.Date) != (source == dateField))
            {
                throw invalid($"{at} ('{id}'): a \"date\" field reads {names[dateField]}, and {names[dateField]} is read only as a \"date\" field");
            }

            var levels = LevelsOf(kind, weakLevel);
            var m = Probabilities(item, "m", levels, $"{at} ('{id}')", invalid);
            var u = Probabilities(item, "u", levels, $"{at} ('{id}')", invalid);
            if ((m is null) != (u is null))
            {
                throw invalid($"{at} ('{id}'): give both \"m\" and \"u\" starting probabilities, or neither");
            }

            var grams = StringGramNames.Parse(item, kind, $"{at} ('{id}')", invalid);
            fields.Add(new ScoringField(id!, kind, source, m, u, grams));
        }

        return fields;
    }

    public static (int, int)? Swap(JsonElement scoring, List<ScoringField> fields, Func<string, MatchKeySchemaException> invalid)
    {
        if (!scoring.TryGetProperty("swap", out var swap))
        {
            return null;
        }

        if (swap.ValueKind != JsonValueKind.Array || swap.GetArrayLength() != 2)
        {
            throw invalid("\"scoring\".\"swap\" must name two string-bloom fields compared crosswise, e.g. [\"given\", \"family\"]");
        }

        var first = StringField(swap[0], fields, invalid);
        var second = StringField(swap[1], fields, invalid);
        if (first == second)
        {
            throw invalid("\"scoring\".\"swap\" must name two different fields");
        }

        // The two are enciphered alike and compared crosswise, so their fragments must hold the same grams.
        if (fields[first].Grams != fields[second].Grams)
        {
            throw invalid("\"scoring\".\"swap\" must name two fields with the same \"grams\"");
        }

        return (Math.Min(first, second), Math.Max(first, second));
    }

    public static List<IReadOnlyList<int>> Joint(JsonElement scoring, List<ScoringField> fields, bool weakLevel, Func<string, MatchKeySchemaException> invalid)
    {
        var groups = new List<IReadOnlyList<int>>();
        if (!scoring.TryGetProperty("joint", out var array))
        {
            return groups;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw invalid("\"scoring\".\"joint\" must be an array of field groups, e.g. [[\"given\", \"family\", \"father\"]]");
        }

        var used = new HashSet<int>();
        var index = 0;
        foreach (var group in array.EnumerateArray())
        {
            var at = $"\"scoring\".\"joint\"[{index++}]";
            if (group.ValueKind != JsonValueKind.Array || group.GetArrayLength() is < 2 or > 3)
            {
                throw invalid($"{at}: a joint group names 2 or 3 comparison fields");
            }

            var members = new List<int>();
            var cells = 1;
            foreach (var item in group.EnumerateArray())
            {
                var id = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                var field = fields.FindIndex(f => f.Id == id);
                if (field < 0)
                {
                    throw invalid($"{at}: '{id}' is not a field of \"scoring\".\"fields\"");
                }

                if (!used.Add(field))
                {
                    throw invalid($"{at}: field '{id}' is already in a joint group");
                }

                members.Add(field);
                cells *= LevelsOf(fields[field].Kind, weakLevel);
            }

            if (cells > 343)
            {
                throw invalid($"{at}: the group has {cells} level combinations; at most 343 can be fitted");
            }

            members.Sort();
            groups.Add(members);
        }

        return groups;
    }

    public static List<BlockDefinition> Blocks(JsonElement scoring, RecordType recordType, Func<string, MatchKeySchemaException> invalid)
    {
        if (!scoring.TryGetProperty("blocks", out var array) || array.ValueKind != JsonValueKind.Array
            || array.GetArrayLength() == 0 || array.GetArrayLength() > MaxBlocks)
        {
            throw invalid($"\"scoring\".\"blocks\" must be an array of 1 to {MaxBlocks} blocks, each {{ \"id\": ..., \"parts\": [...] }}");
        }

        var blocks = new List<BlockDefinition>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"\"scoring\".\"blocks\"[{index++}]";
            var id = Text(item, "id");
            if (!IsId(id))
            {
                throw invalid($"{at}: \"id\" must be a lowercase name (a-z, 0-9, _)");
            }

            if (blocks.Exists(b => b.Id == id))
            {
                throw invalid($"{at}: block '{id}' appears twice");
            }

            if (!item.TryGetProperty("parts", out var partsElement) || partsElement.ValueKind != JsonValueKind.Array
                || partsElement.GetArrayLength() == 0)
            {
                throw invalid($"{at} ('{id}'): \"parts\" must be a non-empty array of "
                    + string.Join(", ", BlockPartNames.Of(recordType).Select(BlockPartNames.Name)));
            }

            var parts = new List<BlockPart>();
            foreach (var partElement in partsElement.EnumerateArray())
            {
                var name = partElement.ValueKind == JsonValueKind.String ? partElement.GetString() : null;
                if (!BlockPartNames.TryParse(name, out var part) || !BlockPartNames.Fits(part, recordType))
                {
                    throw invalid($"{at} ('{id}'): unknown part '{name}' for {RecordTypes.Name(recordType)} records (known: "
                        + string.Join(", ", BlockPartNames.Of(recordType).Select(BlockPartNames.Name)) + ")");
                }

                if (parts.Contains(part))
                {
                    throw invalid($"{at} ('{id}'): part '{name}' appears twice");
                }

                parts.Add(part);
            }

            // DESIGN §2: a block may omit the date, but it must carry something that tells records apart; sex, a year,
            // a place, initials, an address part, a make or a country alone would put a large share of a party's records
            // in one block.
            if (!BlockPartNames.Distinguish(parts))
            {
                throw invalid($"{at} ('{id}'): a block needs " + (recordType == RecordType.Vehicle
                        ? "a VIN, VIN serial or plate part, or the VIN's head with a quarter of its tail; "
                        : "a name, identifier or full-date part; ")
                    + string.Join(" + ", parts.Select(BlockPartNames.Name)) + " alone would hold too many records");
            }

            blocks.Add(new BlockDefinition(id!, parts, BlockFanout(item, at, id!, invalid)));
        }

        return blocks;
    }

    /// <summary>Most records of one party a block value may hold (<c>"max_fanout"</c>, <c>"max_block_fanout"</c>).</summary>
    public const int MaxFanoutLimit = 1000;

    // A block's own "max_fanout", or null when it takes the section's "max_block_fanout".
    private static int? BlockFanout(JsonElement block, string at, string id, Func<string, MatchKeySchemaException> invalid)
    {
        if (!block.TryGetProperty("max_fanout", out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var fanout) || fanout < 1 || fanout > MaxFanoutLimit)
        {
            throw invalid($"{at} ('{id}'): \"max_fanout\" must be a whole number from 1 to {MaxFanoutLimit}");
        }

        return fanout;
    }

    /// <summary>The <c>"stage1"</c> option: which stage-1 hits are released on stage 1's word (default all bands).</summary>
    public static Stage1Verdicts Stage1(JsonElement scoring, Func<string, MatchKeySchemaException> invalid)
    {
        if (!scoring.TryGetProperty("stage1", out var element))
        {
            return Stage1Verdicts.AllBands;
        }

        return (element.ValueKind == JsonValueKind.String ? element.GetString() : null) switch
        {
            "all-bands" => Stage1Verdicts.AllBands,
            "strong-only" => Stage1Verdicts.StrongOnly,
            _ => throw invalid("\"scoring\".\"stage1\" must be \"all-bands\" (every stage-1 key's band is final) or \"strong-only\" "
                + "(a hit below strong takes stage 2's band, or is no hit)"),
        };
    }

    /// <summary>Largest <c>"em_prior"."share"</c>: a prior of more imaginary pairs than a tenth of the real ones would stop
    /// the fit from learning the project.</summary>
    public const double MaxEmPriorShare = 0.1;

    /// <summary>
    /// The <c>"em_prior"</c> option: <c>{ "share": s }</c> gives the EM fit a prior toward the starting model of s × the
    /// project's candidate pairs (0 &lt; s ≤ <see cref="MaxEmPriorShare"/>); absent, no prior (0).
    /// </summary>
    public static double EmPriorShare(JsonElement scoring, Func<string, MatchKeySchemaException> invalid)
    {
        if (!scoring.TryGetProperty("em_prior", out var element))
        {
            return 0;
        }

        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("share", out var shareElement)
            || shareElement.ValueKind != JsonValueKind.Number || !shareElement.TryGetDouble(out var share)
            || !(share > 0 && share <= MaxEmPriorShare)
            || element.EnumerateObject().Any(p => p.Name is not ("share" or "why")))
        {
            throw invalid("\"scoring\".\"em_prior\" must be an object { \"share\": s } with 0 < s ≤ " +
                MaxEmPriorShare.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                ": imaginary candidate pairs toward the starting model, as a share of the project's candidate pairs");
        }

        return share;
    }

    /// <summary>
    /// The <c>"strong_needs"</c> option: ids of string-bloom or exact comparison fields that must agree for a scored
    /// pair to be strong, as their indexes; absent, none.
    /// </summary>
    public static IReadOnlyList<int> StrongNeeds(JsonElement scoring, List<ScoringField> fields, Func<string, MatchKeySchemaException> invalid)
    {
        if (!scoring.TryGetProperty("strong_needs", out var element))
        {
            return [];
        }

        var needs = new List<int>();
        if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() > 0)
        {
            foreach (var item in element.EnumerateArray())
            {
                var id = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                var index = fields.FindIndex(f => f.Id == id);
                if (index < 0 || fields[index].Kind == ScoringFieldKind.Date || needs.Contains(index))
                {
                    needs.Clear();
                    break;
                }

                needs.Add(index);
            }
        }

        if (needs.Count == 0)
        {
            throw invalid("\"scoring\".\"strong_needs\" must be a list of distinct string-bloom or exact field ids of "
                + "\"scoring\".\"fields\" that must agree for a scored pair to be strong");
        }

        return needs;
    }

    /// <summary>
    /// The <c>"weak_dice"</c> option: string fields get a sixth level, "weak", for a Dice coefficient from this bound up to
    /// the partial level's (0 &lt; bound &lt; <see cref="ScoringSpec.PartialDice"/>); absent, null (five levels, far below partial).
    /// </summary>
    public static double? WeakDice(JsonElement scoring, Func<string, MatchKeySchemaException> invalid)
    {
        if (!scoring.TryGetProperty("weak_dice", out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var bound) || !(bound > 0 && bound < ScoringSpec.PartialDice))
        {
            throw invalid("\"scoring\".\"weak_dice\" must be a Dice coefficient above 0 and below " +
                ScoringSpec.PartialDice.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (the partial level's bound)");
        }

        return bound;
    }

    /// <summary>
    /// Agreement levels of a field of <paramref name="kind"/> (missing first): string 5 (6 with the "weak" level of
    /// <c>"weak_dice"</c>), date 7, exact 3.
    /// </summary>
    public static int LevelsOf(ScoringFieldKind kind, bool weakLevel = false) => kind switch
    {
        ScoringFieldKind.StringBloom => weakLevel ? 6 : 5,
        ScoringFieldKind.Date => 7,
        _ => 3,
    };

    private static double[]? Probabilities(JsonElement item, string name, int levels, string at, Func<string, MatchKeySchemaException> invalid)
    {
        if (!item.TryGetProperty(name, out var array))
        {
            return null;
        }

        var values = new double[levels];
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() != levels)
        {
            throw invalid($"{at}: \"{name}\" must hold {levels} probabilities, one per agreement level of its kind");
        }

        for (var l = 0; l < levels; l++)
        {
            if (!array[l].TryGetDouble(out values[l]) || !(values[l] > 0 && values[l] < 1))
            {
                throw invalid($"{at}: \"{name}\" must hold probabilities between 0 and 1 (exclusive)");
            }
        }

        return values;
    }

    private static int StringField(JsonElement element, List<ScoringField> fields, Func<string, MatchKeySchemaException> invalid)
    {
        var id = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        var index = fields.FindIndex(f => f.Id == id);
        if (index < 0 || fields[index].Kind != ScoringFieldKind.StringBloom)
        {
            throw invalid($"\"scoring\".\"swap\": '{id}' is not a string-bloom field of \"scoring\".\"fields\"");
        }

        return index;
    }

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
