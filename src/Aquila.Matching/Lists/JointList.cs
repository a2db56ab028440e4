using System.Buffers;
using Aquila.Matching.Index;
using Aquila.Matching.Storage;
using Microsoft.Extensions.Logging;

namespace Aquila.Matching.Lists;

/// <summary>
/// A standing or joint list's durable state: contributors add, remove and replace entries (tokens re-keyed with K_server
/// on arrival, every change written to the list's encrypted log before it applies), duplicates across contributors are
/// reported to both as entries change, and queries answer hit / no-hit. A query hit is logged before it is answered, so
/// the contributor's notification survives a restart. Opening replays the log; sequences are the same after a restart.
/// </summary>
/// <remarks>
/// Changes are serialised; logged query hits share the log's group commits and apply in log order; reads and no-hit
/// queries run at any time from any thread.
/// </remarks>
public sealed partial class JointList : IAsyncDisposable
{
    private readonly JointListOptions _options;
    private readonly WriteAheadLog _log;
    private readonly TokenRekeyer _rekeyer;
    private readonly ILogger _logger;
    private readonly ListState _list;
    private readonly Lock _state = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource[] _grown;
    private readonly int[] _signalled;
    private bool _disposed;

    private JointList(ListDefinition definition, JointListOptions options, WriteAheadLog log, TokenRekeyer rekeyer, ILogger logger)
    {
        Definition = definition;
        _options = options;
        _log = log;
        _rekeyer = rekeyer;
        _logger = logger;
        _list = new ListState(definition);
        _grown = new TaskCompletionSource[definition.Contributors.Count];
        _signalled = new int[definition.Contributors.Count];
        for (var i = 0; i < _grown.Length; i++)
        {
            _grown[i] = NewSignal();
        }
    }

    /// <summary>The list's definition.</summary>
    public ListDefinition Definition { get; }

    /// <summary>Opens (creating when missing) the list's log and replays it.</summary>
    /// <exception cref="WalDataKeyMismatchException">The data key is not the one the log was written with.</exception>
    /// <exception cref="InvalidDataException">The log belongs to another list definition or holds an unknown record.</exception>
    public static async Task<JointList> OpenAsync(ListDefinition definition, JointListOptions options, ILoggerFactory loggers,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        definition.Validate();
        options.Validate();
        var copy = new ListDefinition { ProjectId = definition.ProjectId, Contributors = [.. definition.Contributors], Keys = [.. definition.Keys] };
        var rekeyer = new TokenRekeyer(options.ServerKey.Span);
        WriteAheadLog? log = null;
        try
        {
            var walOptions = new WriteAheadLogOptions { Directory = options.Directory, DataKey = options.DataKey };
            log = await WriteAheadLog.OpenAsync(walOptions, options.FileSystem, loggers.CreateLogger<WriteAheadLog>(), cancellationToken)
                .ConfigureAwait(false);
            var list = new JointList(copy, options, log, rekeyer, loggers.CreateLogger<JointList>());
            await list.ReplayAsync(cancellationToken).ConfigureAwait(false);
            return list;
        }
        catch
        {
            if (log is not null)
            {
                await log.DisposeAsync().ConfigureAwait(false);
            }

            rekeyer.Dispose();
            throw;
        }
    }

    /// <summary>True when <paramref name="party"/> contributes entries.</summary>
    public bool IsContributor(string party) => _list.ContributorIndex(party) >= 0;

    /// <summary>
    /// True when <paramref name="party"/> is a contributor holding at least one live entry now: on the list and not past its
    /// review date (the reciprocity rule: a party that gives entries may ask). O(1), without the state lock.
    /// </summary>
    public bool HoldsLiveEntry(string party)
    {
        ArgumentNullException.ThrowIfNull(party);
        var index = _list.ContributorIndex(party);
        return index >= 0 && _list.LatestReviewDay(index) >= ListState.DayOf(_options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>The number of entries <paramref name="contributor"/> holds now.</summary>
    public int EntryCount(string contributor)
    {
        var index = RequireContributor(contributor);
        lock (_state)
        {
            return _list.EntryCount(index);
        }
    }

    /// <summary>
    /// Applies a contributor's change once it is durable. Returns the receipt, or a problem (nothing applied) when the
    /// change is malformed: messages hold counts, positions and key indexes, never values.
    /// </summary>
    /// <exception cref="IOException">The log could not be written; nothing was applied.</exception>
    public async Task<(ListChangeReceipt? Receipt, string? Problem)> ChangeAsync(string contributor, ListChangeKind kind,
        IReadOnlyList<ListEntryInput> entries, IReadOnlyList<ReadOnlyMemory<byte>> removeHandles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contributor);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(removeHandles);
        var problem = CheckChange(contributor, kind, entries, removeHandles);
        if (problem is not null)
        {
            ListLog.ChangeRefused(_logger, Definition.ProjectId, contributor, problem);
            return (null, problem);
        }

        var stored = new StoredEntry[entries.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            var entry = entries[i];
            var tokens = new byte[entry.TokenEntries.Length];
            Rekey(entry.TokenEntries.Span, tokens);
            stored[i] = new StoredEntry(ListRecordCodec.ReadHandle(entry.Handle.Span), entry.Category, entry.ReviewDate.DayNumber, tokens);
        }

        var removed = new UInt128[removeHandles.Count];
        for (var i = 0; i < removed.Length; i++)
        {
            removed[i] = ListRecordCodec.ReadHandle(removeHandles[i].Span);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var change = new ListChange(kind, contributor, _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(), stored, removed);
            var logged = await AppendAndApplyAsync(new LoggedRecord(ListRecordType.Change, ListRecordCodec.EncodeChange(change), change, null))
                .ConfigureAwait(false);
            var (added, reconfirmed, removedCount, events) = logged.Changed;
            var receipt = new ListChangeReceipt(logged.Lsn, added, removedCount, EntryCount(contributor), events, reconfirmed);
            ListLog.Changed(_logger, Definition.ProjectId, kind.ToString(), contributor, logged.Lsn, receipt.Added, receipt.Removed, receipt.DuplicateEvents);
            return (receipt, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Answers a query by <paramref name="querier"/>: the entries of other contributors, not past their review date,
    /// that agree on at least one key. A hit is logged (and the contributors notified) before it is returned.
    /// </summary>
    /// <param name="querier">The querying party (from its certificate).</param>
    /// <param name="caseReference">The querying party's case reference (1–128 UTF-8 bytes).</param>
    /// <param name="tokenEntries">Per token a key index byte and 16 token bytes, as the node made them.</param>
    /// <param name="cancellationToken">Honoured until a hit is queued for the log.</param>
    /// <param name="evidence">The query as its node signed it, kept with the hits for the contributors (opaque here).</param>
    public Task<ListQueryOutcome> QueryAsync(string querier, string caseReference, ReadOnlyMemory<byte> tokenEntries,
        CancellationToken cancellationToken = default, ReadOnlyMemory<byte> evidence = default) =>
        QueryAsync(querier, caseReference, tokenEntries, static evidence => evidence.ToArray(), evidence, cancellationToken);

    /// <summary>
    /// <see cref="QueryAsync(string, string, ReadOnlyMemory{byte}, CancellationToken, ReadOnlyMemory{byte})"/> with the evidence
    /// made only when the query hits: <paramref name="evidence"/>(<paramref name="state"/>) returns a new array the record keeps.
    /// Most queries find nothing, and then nothing is encoded.
    /// </summary>
    /// <typeparam name="TState">What <paramref name="evidence"/> encodes (pass a static lambda, so no closure is made per query).</typeparam>
    /// <remarks>
    /// <c>whileLogging</c>, when given, is called with the hits once they have their place in the log and before they are durable there, so the caller can start
    /// work of its own that must also finish before the answer (the server's audit entry) beside the log's fsync instead of
    /// after it. Not called when nothing hits. The hits are returned only once durable, as always; if the log fails after the
    /// call, this method throws as without it, and the caller must undo or record what it started.
    /// </remarks>
    public async Task<ListQueryOutcome> QueryAsync<TState>(string querier, string caseReference, ReadOnlyMemory<byte> tokenEntries,
        Func<TState, byte[]> evidence, TState state, CancellationToken cancellationToken = default,
        Action<IReadOnlyList<ListQueryHit>>? whileLogging = null)
    {
        ArgumentNullException.ThrowIfNull(querier);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(caseReference);
        if (CheckQuery(caseReference, tokenEntries.Span) is { } problem)
        {
            return new ListQueryOutcome([], problem);
        }

        var length = tokenEntries.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        LoggedRecord? record;
        List<ListQueryHit> answer;
        ValueTask<long> append;
        try
        {
            Rekey(tokenEntries.Span, rented.AsSpan(0, length));
            var day = ListState.DayOf(_options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            Dictionary<EntryKey, ulong>? found;
            long lookedUpAt;
            lock (_state)
            {
                found = _list.Lookup(querier, rented.AsSpan(0, length), day);
                lookedUpAt = _changesApplied;
            }

            // No hit: the answer stands before any change not yet applied (none of those is acknowledged yet).
            if (found is null)
            {
                return ListQueryOutcome.NoHit;
            }

            cancellationToken.ThrowIfCancellationRequested();

            // A hit is logged with its place in the log taken at the same moment as a lookup that holds (TryLogHits).
            var lookup = new PersonLookup<TState>(querier, caseReference, rented, length, day, evidence, state, found);
            while (TryLogHits(ref lookup, lookedUpAt, out record, out append) is { } pending)
            {
                await pending.ConfigureAwait(false);
            }

            if (record is null)
            {
                return ListQueryOutcome.NoHit;
            }

            answer = lookup.Answer!;
        }
        finally
        {
            // Re-keyed tokens must not linger in pooled memory.
            Array.Clear(rented, 0, length);
            ArrayPool<byte>.Shared.Return(rented);
        }

        if (whileLogging is not null)
        {
            try
            {
                whileLogging(answer);
            }
            catch
            {
                // The record is queued: it is made durable and applied whatever the caller's work did.
                await ApplyInOrderAsync(record, append).ConfigureAwait(false);
                throw;
            }
        }

        await ApplyInOrderAsync(record, append).ConfigureAwait(false);
        return new ListQueryOutcome(answer, null);
    }

    // The hit record of a query and its answer (best band first, then by contributor).
    private QueryHitsRecord HitsOf(string querier, string caseReference, Dictionary<EntryKey, ulong> found, byte[] evidence,
        out List<ListQueryHit> answer)
    {
        var hits = new List<QueryHitRecord>(found.Count);
        answer = new List<ListQueryHit>(found.Count);
        Span<byte> handle = stackalloc byte[RecordHandle.Size];
        foreach (var (key, mask) in found)
        {
            var contributor = Definition.Contributors[key.Contributor];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(handle, key.Handle);
            var hitId = QueryHitIdentity.Compute(Definition.ProjectId, querier, caseReference, contributor, handle);
            hits.Add(new QueryHitRecord((byte)key.Contributor, key.Handle, hitId, mask));
            answer.Add(new ListQueryHit(hitId, contributor, _list.Schema.BestBand(mask), _list.Schema.KeyIds(mask)));
        }

        answer.Sort(static (a, b) => b.Band != a.Band ? b.Band.CompareTo(a.Band) : string.CompareOrdinal(a.Contributor, b.Contributor));
        return new QueryHitsRecord(_options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(), querier, caseReference, hits, evidence);
    }

    /// <summary>Up to <paramref name="max"/> notifications of <paramref name="contributor"/> after <paramref name="afterSequence"/>.</summary>
    /// <exception cref="ArgumentException">The party is not a contributor.</exception>
    public IReadOnlyList<ListHitEvent> ReadEvents(string contributor, long afterSequence, int max)
    {
        var index = RequireContributor(contributor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var start = (int)Math.Clamp(afterSequence, 0, int.MaxValue);
        lock (_state)
        {
            var events = _list.Events[index];
            var count = Math.Min(max, events.Count - start);
            return count <= 0 ? [] : events.GetRange(start, count);
        }
    }

    /// <summary>Completes once <paramref name="contributor"/>'s stream holds an event after <paramref name="afterSequence"/>.</summary>
    public async Task WaitForEventsAsync(string contributor, long afterSequence, CancellationToken cancellationToken)
    {
        var index = RequireContributor(contributor);
        while (true)
        {
            Task grown;
            lock (_state)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_list.Events[index].Count > afterSequence)
                {
                    return;
                }

                grown = _grown[index].Task;
            }

            await grown.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the log and wakes every waiter with an <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_state)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            var closed = new ObjectDisposedException(nameof(JointList), $"The list {Definition.ProjectId} was closed.");
            foreach (var signal in _grown)
            {
                signal.TrySetException(closed);
            }
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _log.DisposeAsync().ConfigureAwait(false);
            _rekeyer.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReplayAsync(CancellationToken cancellationToken)
    {
        var definition = ListRecordCodec.EncodeDefinition(Definition);
        var first = true;
        var changes = 0;
        var queries = 0;
        await foreach (var record in _log.ReadAllAsync(1, cancellationToken).ConfigureAwait(false))
        {
            if (first)
            {
                if (record.Type != ListRecordType.Definition || !record.Payload.Span.SequenceEqual(definition))
                {
                    throw new InvalidDataException(
                        $"The log of list {Definition.ProjectId} was written for another list definition (contributors or keys differ).");
                }

                first = false;
                continue;
            }

            switch (record.Type)
            {
                case ListRecordType.Change:
                    ApplyChange(ListRecordCodec.DecodeChange(record.Payload.Span));
                    changes++;
                    break;
                case ListRecordType.QueryHits:
                    ApplyQueryHits(ListRecordCodec.DecodeQueryHits(record.Payload.Span));
                    queries++;
                    break;
                default:
                    throw new InvalidDataException(
                        $"The log of list {Definition.ProjectId} has a record of unknown type {record.Type} at LSN {record.Lsn}; it was written by a newer version.");
            }
        }

        if (first)
        {
            await _log.AppendAsync(ListRecordType.Definition, definition, cancellationToken).ConfigureAwait(false);
        }

        ListLog.Opened(_logger, Definition.ProjectId, changes, queries);
    }

    private void ApplyChange(ListChange change)
    {
        lock (_state)
        {
            _list.Apply(change);
            SignalGrown();
        }
    }

    private void ApplyQueryHits(QueryHitsRecord record)
    {
        lock (_state)
        {
            _list.Apply(record);
            SignalGrown();
        }
    }

    // Called with the state lock held: wakes the watchers of every stream that grew since the last call.
    private void SignalGrown()
    {
        for (var i = 0; i < _signalled.Length; i++)
        {
            var count = _list.Events[i].Count;
            if (count > _signalled[i])
            {
                _signalled[i] = count;
                var grown = _grown[i];
                _grown[i] = NewSignal();
                grown.TrySetResult();
            }
        }
    }

    private void Rekey(ReadOnlySpan<byte> entries, Span<byte> destination)
    {
        entries.CopyTo(destination);
        for (var at = 0; at < entries.Length; at += ListRecordCodec.TokenEntryLength)
        {
            _rekeyer.Rekey(entries.Slice(at + 1, TokenRekeyer.TokenSize), destination.Slice(at + 1, TokenRekeyer.TokenSize));
        }
    }

    private string? CheckChange(string contributor, ListChangeKind kind, IReadOnlyList<ListEntryInput> entries,
        IReadOnlyList<ReadOnlyMemory<byte>> removeHandles)
    {
        if (!IsContributor(contributor))
        {
            return $"Party {contributor} is not a contributor of list {Definition.ProjectId}.";
        }

        if (kind is < ListChangeKind.Add or > ListChangeKind.Replace)
        {
            return "The change kind must be add, remove or replace.";
        }

        if (kind == ListChangeKind.Remove ? entries.Count > 0 : removeHandles.Count > 0)
        {
            return kind == ListChangeKind.Remove ? "A remove carries handles only, no entries." : "An add or replace carries entries only, no handles to remove.";
        }

        if (entries.Count > _options.MaxEntriesPerChange || removeHandles.Count > _options.MaxEntriesPerChange)
        {
            return $"A change may carry at most {_options.MaxEntriesPerChange} entries; split it into several adds.";
        }

        var handles = new HashSet<UInt128>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Handle.Length != RecordHandle.Size)
            {
                return $"Entry {i + 1}: the handle must be {RecordHandle.Size} bytes, not {entry.Handle.Length}.";
            }

            if (!handles.Add(ListRecordCodec.ReadHandle(entry.Handle.Span)))
            {
                return $"Entry {i + 1}: its handle is used by an earlier entry of the same change.";
            }

            if (CheckTokens(entry.TokenEntries.Span, maxPerKey: int.MaxValue, out var tokenProblem) is false)
            {
                return $"Entry {i + 1}: {tokenProblem}";
            }
        }

        long logBytes = 64 + (16L * removeHandles.Count);
        foreach (var entry in entries)
        {
            logBytes += 22 + entry.TokenEntries.Length;
        }

        if (logBytes > WalRecordCodec.MaxPayloadLength)
        {
            return $"The change needs about {logBytes / (1024 * 1024)} MiB in the log; one change holds at most {WalRecordCodec.MaxPayloadLength / (1024 * 1024)} MiB. "
                + "Split an add into several; a replace must fit in one change.";
        }

        for (var i = 0; i < removeHandles.Count; i++)
        {
            if (removeHandles[i].Length != RecordHandle.Size)
            {
                return $"Handle {i + 1} to remove must be {RecordHandle.Size} bytes, not {removeHandles[i].Length}.";
            }
        }

        return null;
    }

    private string? CheckQuery(string caseReference, ReadOnlySpan<byte> tokenEntries)
    {
        if (string.IsNullOrWhiteSpace(caseReference)
            || System.Text.Encoding.UTF8.GetByteCount(caseReference) > QueryHitIdentity.MaxCaseReferenceBytes)
        {
            return $"A query needs a case reference of 1 to {QueryHitIdentity.MaxCaseReferenceBytes} bytes.";
        }

        return CheckQueryTokens(tokenEntries, Definition.Keys, _options.MaxTokensPerKey);
    }

    /// <summary>
    /// Why <paramref name="tokenEntries"/> cannot be a query under <paramref name="keys"/> (malformed, a key index outside the
    /// schema, more than <paramref name="maxPerKey"/> tokens under one key id), or null. Names key ids and counts only.
    /// </summary>
    public static string? CheckQueryTokens(ReadOnlySpan<byte> tokenEntries, IReadOnlyList<HitKey> keys, int maxPerKey)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return CheckTokens(tokenEntries, keys, maxPerKey, out var problem) ? null : problem;
    }

    private bool CheckTokens(ReadOnlySpan<byte> entries, int maxPerKey, out string? problem) =>
        CheckTokens(entries, Definition.Keys, maxPerKey, out problem);

    private static bool CheckTokens(ReadOnlySpan<byte> entries, IReadOnlyList<HitKey> keys, int maxPerKey, out string? problem)
    {
        problem = null;
        var count = entries.Length / ListRecordCodec.TokenEntryLength;
        if (entries.Length == 0 || count * ListRecordCodec.TokenEntryLength != entries.Length || count > 255)
        {
            problem = $"tokens must be 1 to 255 entries of {ListRecordCodec.TokenEntryLength} bytes (key index and token); got {entries.Length} bytes.";
            return false;
        }

        Span<int> perKey = stackalloc int[HitKeySchema.MaxKeys];
        for (var at = 0; at < entries.Length; at += ListRecordCodec.TokenEntryLength)
        {
            var key = entries[at];
            if (key >= keys.Count)
            {
                problem = $"a token has key index {key}, but the project's schema has {keys.Count} keys (wrong schema?).";
                return false;
            }

            if (++perKey[key] > maxPerKey)
            {
                problem = $"at most {maxPerKey} tokens per key id are allowed; key '{keys[key].Id}' has more.";
                return false;
            }
        }

        return true;
    }

    private int RequireContributor(string party)
    {
        ArgumentNullException.ThrowIfNull(party);
        var index = _list.ContributorIndex(party);
        return index >= 0 ? index : throw new ArgumentException($"Party {party} is not a contributor of list {Definition.ProjectId}.", nameof(party));
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
