using System.Text;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Derivation;

/// <summary>
/// Turns one record (of the schema's record type) into its tokens under a schema and a project key: derive the canonical fields, then for
/// every key whose fields are all present derive one token (two when the date of birth is day/month-ambiguous,
/// both under the same key id). Not thread-safe: one per thread.
/// </summary>
public sealed class RecordTokenizer : IDisposable
{
    /// <summary>Bytes a caller's entry buffer needs for any record.</summary>
    public const int MaxEntryBytes = BatchFormat.MaxTokensPerRecord * BatchFormat.TokenEntryLength;

    private readonly MatchKeySchema _schema;
    private readonly byte[][] _keyIds;
    private readonly TokenDeriver _deriver;
    private readonly DerivedFields _fields;

    /// <summary>Creates a tokenizer for a schema and project key.</summary>
    public RecordTokenizer(MatchKeySchema schema, ProjectKey key)
        : this(schema, key, unparsedDateAsMissing: false)
    {
    }

    /// <summary>
    /// Creates a tokenizer; with <paramref name="unparsedDateAsMissing"/>, a date of birth that does not parse counts as
    /// missing (<see cref="TokenizeOutcome.DateIgnored"/>) instead of rejecting the record. The node and eval use it
    /// when the schema scores (stage 2), so the record's identifier tokens and blocks still go in.
    /// </summary>
    public RecordTokenizer(MatchKeySchema schema, ProjectKey key, bool unparsedDateAsMissing)
    {
        _fields = new DerivedFields { UnparsedDateAsMissing = unparsedDateAsMissing };
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        _deriver = new TokenDeriver(key, schema.Hash.Span);
        _keyIds = new byte[schema.Keys.Count][];
        for (var i = 0; i < _keyIds.Length; i++)
        {
            _keyIds[i] = Encoding.ASCII.GetBytes(schema.Keys[i].Id);
        }
    }

    /// <summary>
    /// Tokenises <paramref name="record"/> into <paramref name="entries"/> (per token a key index byte and 16 token
    /// bytes; give it <see cref="MaxEntryBytes"/>). Returns the number of tokens, or a problem when the record
    /// cannot be used (<see cref="TokenizeOutcome.NoKey"/> when it is valid but builds no key). Problems name a field
    /// and a reason, never a value.
    /// </summary>
    /// <exception cref="ArgumentException">The record is not of the schema's record type.</exception>
    public TokenizeOutcome Tokenize(SourceRecord record, Span<byte> entries)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Type != _schema.RecordType)
        {
            throw new ArgumentException(
                $"A {RecordTypes.Name(record.Type)} record cannot be tokenised under a {RecordTypes.Name(_schema.RecordType)} schema.", nameof(record));
        }

        if (!SubjectCategories.TryParse(record.SubjectCategory, out var category))
        {
            return TokenizeOutcome.Rejected("subject_category", "expected " + SubjectCategories.Accepted);
        }

        var derived = record switch
        {
            PersonRecord person => _fields.Derive(person),
            VehicleRecord vehicle => _fields.Derive(vehicle),
            _ => throw new ArgumentException("Unknown record type.", nameof(record)),
        };
        if (derived is { } problem)
        {
            return TokenizeOutcome.Rejected(problem.Field, problem.Reason);
        }

        Span<byte> message = stackalloc byte[TokenMessage.MaxLength];
        Span<int> choice = stackalloc int[MatchKeySchema.MaxFields];
        var count = 0;
        foreach (var key in _schema.Keys)
        {
            if (!HasAllFields(key))
            {
                continue;
            }

            // Every combination of the fields' values (base and variants), all under the key's own id.
            choice.Clear();
            while (count < BatchFormat.MaxTokensPerRecord)
            {
                count = Emit(key, choice, message, entries, count);
                if (!Next(key, choice))
                {
                    break;
                }
            }
        }

        if (count == 0)
        {
            return TokenizeOutcome.WithoutKey(category, _schema.RecordType == RecordType.Vehicle
                ? "no match key could be built: a vehicle record needs a VIN, or a plate with its country or make"
                : "no match key could be built: a record needs a name with a date of birth, a national id, or a document number")
                with { DateIgnored = _fields.DateIgnored };
        }

        return TokenizeOutcome.Tokenized(category, count) with { DateIgnored = _fields.DateIgnored };
    }

    /// <inheritdoc />
    public void Dispose() => _deriver.Dispose();

    private int Emit(MatchKey key, ReadOnlySpan<int> choice, Span<byte> message, Span<byte> entries, int count)
    {
        var writer = new TokenMessage(message, _keyIds[key.Index], _schema.Version);
        for (var i = 0; i < key.Fields.Count; i++)
        {
            writer.Add(_fields.Values(key.Fields[i])[choice[i]]);
        }

        var entry = entries.Slice(count * BatchFormat.TokenEntryLength, BatchFormat.TokenEntryLength);
        entry[0] = (byte)key.Index;
        _deriver.Derive(writer.Written, entry[1..]);
        return count + 1;
    }

    // Advances the combination like an odometer; false when every combination has been emitted.
    private bool Next(MatchKey key, Span<int> choice)
    {
        for (var i = key.Fields.Count - 1; i >= 0; i--)
        {
            if (++choice[i] < _fields.Values(key.Fields[i]).Count)
            {
                return true;
            }

            choice[i] = 0;
        }

        return false;
    }

    private bool HasAllFields(MatchKey key)
    {
        foreach (var field in key.Fields)
        {
            if (_fields[field] is null)
            {
                return false;
            }
        }

        return true;
    }
}
