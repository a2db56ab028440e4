using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Node.Lists;

/// <summary>
/// Tokenises one record (a person, or a vehicle on a vehicle list) for a list query. A query may carry at most <see cref="MaxPerKey"/> tokens per key id (a
/// day/month-ambiguous date gives two); name variants can give more, so the first ones per key id are kept (the base
/// spelling first) and the rest dropped, which the result counts.
/// </summary>
public sealed class QueryTokens(MatchKeySchema schema, ProjectKey key) : IDisposable
{
    /// <summary>Most tokens per key id the server accepts in a query.</summary>
    public const int MaxPerKey = 2;

    private readonly RecordTokenizer _tokenizer = new(schema, key);

    /// <summary>The schema the tokens are made with (the one the list pins).</summary>
    public MatchKeySchema Schema { get; } = schema;
    private readonly byte[] _buffer = new byte[RecordTokenizer.MaxEntryBytes];

    /// <summary>The query token entries of <paramref name="record"/> (key index + 16 bytes each), or the reason it cannot be queried.</summary>
    /// <exception cref="ArgumentException">The record is not of the schema's type.</exception>
    public (byte[]? Entries, int Dropped, ListEntryProblem? Problem) Tokenize(SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var outcome = _tokenizer.Tokenize(record, _buffer);
        if (!outcome.Success)
        {
            return (null, 0, new ListEntryProblem(record.LineNumber, outcome.Field, outcome.Reason!));
        }

        Span<int> perKey = stackalloc int[MatchKeySchema.MaxKeys];
        var kept = new List<byte>(outcome.TokenCount * 17);
        var dropped = 0;
        for (var i = 0; i < outcome.TokenCount; i++)
        {
            var entry = _buffer.AsSpan(i * 17, 17);
            if (++perKey[entry[0]] > MaxPerKey)
            {
                dropped++;
                continue;
            }

            foreach (var b in entry)
            {
                kept.Add(b);
            }
        }

        return ([.. kept], dropped, null);
    }

    /// <inheritdoc />
    public void Dispose() => _tokenizer.Dispose();
}
