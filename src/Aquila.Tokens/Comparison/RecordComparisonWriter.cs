using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Comparison;

/// <summary>
/// The node's stage-2 writer for one project (DESIGN §3): for a record, every candidate block the schema's scoring
/// section names, each with its block token and the record's comparison vector under that block value's salt. The one
/// entry point the tokenising pipeline and the dry run use; how blocks and vectors are made stays inside this namespace.
/// Not thread-safe: one per thread.
/// </summary>
public sealed class RecordComparisonWriter : IDisposable
{
    private readonly ScoringSpec _scoring;
    private readonly RecordType _recordType;
    private readonly Stage2Keys _keys;
    private readonly ComparisonVectorWriter _writer = new();
    private readonly List<(string Id, string Value)> _blocks = [];

    /// <summary>A writer for <paramref name="schema"/>, keyed by <paramref name="key"/>; the schema must have a scoring section.</summary>
    public RecordComparisonWriter(ProjectKey key, MatchKeySchema schema)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(schema);
        _scoring = schema.Scoring
            ?? throw new ArgumentException($"Schema {schema.Source} has no \"scoring\" section: it matches by stage-1 keys alone.", nameof(schema));
        _recordType = schema.RecordType;
        _keys = new Stage2Keys(key, schema.Hash.Span);
    }

    /// <summary>
    /// Bytes of one comparison vector of the built-in person schema. The length follows a schema's declared fields:
    /// for another schema use <see cref="Length"/> (or <see cref="ScoringSpec.Layout"/>).
    /// </summary>
    public static int VectorLength => MatchKeySchema.Default.Scoring!.Layout.Length;

    /// <summary>Bytes of one comparison vector of this writer's schema.</summary>
    public int Length => _scoring.Layout.Length;

    /// <summary>Bytes of one block token.</summary>
    public static int TokenLength => Stage2Keys.Length;

    /// <summary>
    /// Adds the blocks of <paramref name="record"/> that the schema names to <paramref name="output"/> (cleared first);
    /// returns how many. A record with no usable field for any block gets none.
    /// </summary>
    public int Write(SourceRecord record, List<BlockVector> output)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(output);
        output.Clear();
        if (record.Type != _recordType)
        {
            throw new ArgumentException(
                $"The schema compares {RecordTypes.Name(_recordType)} records; this record is a {RecordTypes.Name(record.Type)}.", nameof(record));
        }

        var features = ComparisonFeatures.Of(record);
        CandidateBlocks.Collect(features, _scoring.BlockDefinitions, _blocks);
        if (_blocks.Count == 0)
        {
            return 0;
        }

        // The cipher inputs are the record's alone: built once, enciphered under each block value's salt.
        _writer.Prepare(features, _scoring.Layout);
        Span<byte> salt = stackalloc byte[Stage2Keys.Length];
        foreach (var (id, value) in _blocks)
        {
            var index = _scoring.IndexOf(id);
            if (index < 0)
            {
                continue;
            }

            var token = new byte[Stage2Keys.Length];
            var vector = new byte[_scoring.Layout.Length];
            _keys.TokenAndSalt(id, value, token, salt);
            _writer.WriteUnder(salt, vector);
            output.Add(new BlockVector(index, token, vector));
        }

        salt.Clear();
        return output.Count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _keys.Dispose();
        _writer.Dispose();
    }
}
