using System.Diagnostics;
using Aquila.Matching.Index;
using Aquila.Matching.Storage;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging;

namespace Aquila.Matching.Projects;

/// <summary>
/// One matching project's durable, restartable matching state: accepts token batches (re-keyed, written to the project's
/// write-ahead log, then indexed), keeps each party's hit stream, and answers resends from the log record that is the
/// batch's receipt. Opening loads the latest snapshot and replays the log after it, so receipts, hit events and their
/// sequences are the same after a restart.
/// </summary>
/// <remarks>
/// <para>Submissions are serialised; reads (<see cref="FindReceipt"/>, <see cref="ReadHits"/>, <see cref="Counts"/>) may run
/// at any time from any thread.</para>
/// <para>A party's batches are additive: each later batch finds hits against everything before it. A party replaces its
/// data set with <see cref="ReplaceDataSetAsync"/>: one log record that withdraws the earlier batches (their hits show as
/// withdrawals in both parties' streams) and starts the new data set.</para>
/// <para>Hit sequences are not logged: they are derived while replaying batch records in LSN order (for each hit change,
/// the next sequence of each of its two parties), which gives the same numbers every time.</para>
/// <para>Snapshots (<see cref="WriteSnapshotAsync"/>, <see cref="ProjectMatcherOptions.SnapshotEveryBytes"/>,
/// <see cref="ProjectMatcherOptions.SnapshotOnDispose"/>) hold the whole state at an LSN, so a restart replays only the
/// records after it and the log can delete the segments before it.</para>
/// </remarks>
public sealed partial class ProjectMatcher : IAsyncDisposable
{
    private readonly ProjectMatcherOptions _options;
    private readonly WriteAheadLog _log;
    private readonly TokenRekeyer _rekeyer;
    private readonly HitDetector _detector;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _submitGate = new(1, 1); // checking, encoding and queueing a batch for the log
    private readonly SemaphoreSlim _applyGate = new(1, 1); // applying batches to the state, and streaming snapshots of it
    private readonly Queue<QueuedBatch> _unapplied = new(); // under its own lock; a ConcurrentQueue's peek keeps dequeued items alive
    private readonly Dictionary<ReceiptKey, QueuedBatch> _inFlight = []; // under _state
    private readonly Lock _state = new();
    private readonly PartyState[] _parties;
    private readonly Dictionary<ReceiptKey, BatchReceipt> _receipts = [];
    private readonly HitsByBand _hitsByBand = new();
    private readonly TokenBatch _applying = new();
    private readonly Stage2.ProjectScoring? _scoring; // null: the schema has no scoring section (stage 1 only)
    private QueuedBatch? _lastQueued; // under _submitGate
    private Exception? _applyFault; // under _applyGate
    private bool _disposed;
    private bool _purging; // set before the purge's dispose: no close snapshot

    private ProjectMatcher(ProjectDefinition definition, ProjectMatcherOptions options, WriteAheadLog log, TokenRekeyer rekeyer, ILoggerFactory loggers)
    {
        Definition = definition;
        _options = options;
        _log = log;
        _rekeyer = rekeyer;
        _logger = loggers.CreateLogger<ProjectMatcher>();
        _detector = new HitDetector(
            new HitDetectorOptions
            {
                ProjectId = definition.ProjectId,
                PartyCodes = definition.Parties,
                Keys = definition.Keys,
                MaxFanout = definition.MaxFanout,
                InitialTokenCapacity = options.InitialTokenCapacity,
            },
            loggers.CreateLogger<HitDetector>());
        _scoring = definition.Scoring is { } scoring
            ? new Stage2.ProjectScoring(scoring, definition.Parties.Count, scoring.Layout.Length)
            : null;
        _parties = new PartyState[definition.Parties.Count];
        for (var i = 0; i < _parties.Length; i++)
        {
            _parties[i] = new PartyState(definition.Parties[i]);
        }
    }

    /// <summary>The project's definition (a copy of the one given to <see cref="OpenAsync"/>).</summary>
    public ProjectDefinition Definition { get; }

    /// <summary>
    /// Opens the project's log (creating it when missing), loads its latest snapshot and replays every batch accepted
    /// after it, so the state is the one before the restart.
    /// </summary>
    /// <exception cref="WalDataKeyMismatchException">The data key is not the key the log was written with.</exception>
    /// <exception cref="ProjectDefinitionMismatchException">The log was created for another roster, schema or fanout.</exception>
    /// <exception cref="WalCorruptionException">The log is damaged beyond a torn tail, or its snapshot is damaged (there is no
    /// fallback: the segments it covers are gone).</exception>
    /// <exception cref="InvalidDataException">The snapshot or a record was written by an unknown version or is inconsistent.</exception>
    public static async Task<ProjectMatcher> OpenAsync(
        ProjectDefinition definition, ProjectMatcherOptions options, ILoggerFactory loggers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        definition.Validate();
        options.Validate();
        var copy = new ProjectDefinition
        {
            ProjectId = definition.ProjectId,
            Parties = [.. definition.Parties],
            SchemaHash = definition.SchemaHash.ToArray(),
            Keys = [.. definition.Keys],
            MaxFanout = definition.MaxFanout,
            Scoring = definition.Scoring,
        };

        var rekeyer = new TokenRekeyer(options.ServerKey.Span);
        WriteAheadLog? log = null;
        try
        {
            var walOptions = new WriteAheadLogOptions { Directory = options.Directory, SegmentSize = options.SegmentSize, DataKey = options.DataKey };
            log = await WriteAheadLog.OpenAsync(walOptions, options.FileSystem, loggers.CreateLogger<WriteAheadLog>(), ct).ConfigureAwait(false);
            var matcher = new ProjectMatcher(copy, options, log, rekeyer, loggers);
            await matcher.ReplayAsync(ct).ConfigureAwait(false);
            matcher.StartStage2Worker();
            Telemetry.MatchingMetrics.Track(matcher);
            return matcher;
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

    /// <summary>The number of buckets of the project's token index now (it was sized from <see cref="ProjectMatcherOptions.InitialTokenCapacity"/>).</summary>
    public int IndexBucketCount
    {
        get
        {
            lock (_state)
            {
                return _detector.Index.BucketCount;
            }
        }
    }

    /// <summary>The project's figures now: per party, and distinct hits by band.</summary>
    public ProjectCounts Counts
    {
        get
        {
            lock (_state)
            {
                var parties = new PartyCounts[_parties.Length];
                for (var i = 0; i < parties.Length; i++)
                {
                    var p = _parties[i];
                    parties[i] = new PartyCounts(p.Code, p.Batches, p.Records, p.Tokens, p.SuppressedTokens, p.Events.Count);
                }

                return new ProjectCounts(
                    parties, _hitsByBand[MatchBand.Strong], _hitsByBand[MatchBand.Probable], _hitsByBand[MatchBand.Possible]);
            }
        }
    }

    /// <summary>
    /// Waits for an in-flight submission, writes a snapshot when <see cref="ProjectMatcherOptions.SnapshotOnDispose"/> is set
    /// (a failure is logged; the log still holds everything), closes the log and wakes every <see cref="WaitForHitsAsync"/> caller with an
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        lock (_state)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Telemetry.MatchingMetrics.Untrack(this);
            var closed = new ObjectDisposedException(nameof(ProjectMatcher), $"The matcher of project {Definition.ProjectId} was closed.");
            foreach (var party in _parties)
            {
                party.SignalClosed(closed);
            }
        }

        await _submitGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await DrainQueuedAsync().ConfigureAwait(false);
            await _applyGate.WaitAsync().ConfigureAwait(false);
            try
            {
                // The stage-2 worker stops after its current batch; the close snapshot does what it left (a purge does not:
                // its files go, and a crash-restart would redo the work from the log).
                await StopStage2WorkerAsync().ConfigureAwait(false);
                await WaitForSnapshotInFlightAsync().ConfigureAwait(false);
                if (_options.SnapshotOnDispose && !_purging && !Stage2Faulted)
                {
                    await SnapshotOnCloseAsync().ConfigureAwait(false);
                }

                await _log.DisposeAsync().ConfigureAwait(false);
                _rekeyer.Dispose();
            }
            finally
            {
                _applyGate.Release();
            }
        }
        finally
        {
            // Let queued submitters through: they find the matcher disposed and throw.
            _submitGate.Release();
        }
    }

    private async Task ReplayAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var first = true;
        var from = 1L;
        if (_log.RecoveredSnapshot is { } snapshot)
        {
            // The snapshot holds the definition check and everything up to its LSN; the records it covers may be gone.
            var stream = _log.OpenRecoveredSnapshot();
            await using (stream.ConfigureAwait(false))
            {
                ReadState(stream, snapshot.Lsn);
            }

            ProjectLog.SnapshotLoaded(_logger, Definition.ProjectId, snapshot.Lsn, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            first = false;
            from = snapshot.Lsn + 1;
        }

        var batches = 0;
        await foreach (var record in _log.ReadAllAsync(from, ct).ConfigureAwait(false))
        {
            if (first)
            {
                if (record.Type != ProjectRecordType.Definition)
                {
                    throw new InvalidDataException($"The log of project {Definition.ProjectId} does not start with a project definition.");
                }

                DefinitionRecordCodec.VerifySame(record.Payload, Definition);
                _appliedLsn = record.Lsn;
                first = false;
                continue;
            }

            if (record.Type == ProjectRecordType.ScoringStarted)
            {
                ApplyScoringStart(record.Payload.ToArray(), record.Lsn);
                continue;
            }

            if (record.Type is not (ProjectRecordType.Batch or ProjectRecordType.ReplacingBatch))
            {
                throw new InvalidDataException(
                    $"The log of project {Definition.ProjectId} has a record of unknown type {record.Type} at LSN {record.Lsn}; it was written by a newer version.");
            }

            Apply(record.Payload, record.Lsn, record.Type == ProjectRecordType.ReplacingBatch, out _);
            _bytesSinceSnapshot += record.Payload.Length;
            batches++;
        }

        if (first)
        {
            _appliedLsn = await _log.AppendAsync(ProjectRecordType.Definition, DefinitionRecordCodec.Encode(Definition), ct).ConfigureAwait(false);
        }

        long hits;
        lock (_state)
        {
            hits = _hitsByBand.Total;
        }

        ProjectLog.Opened(_logger, Definition.ProjectId, batches, hits, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private int PartyNumber(string party)
    {
        for (var i = 0; i < _parties.Length; i++)
        {
            if (string.Equals(_parties[i].Code, party, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private int RequireParty(string party)
    {
        ArgumentNullException.ThrowIfNull(party);
        var number = PartyNumber(party);
        if (number < 0)
        {
            throw new ArgumentException($"Party {party} is not in the roster of project {Definition.ProjectId}.", nameof(party));
        }

        return number;
    }
}
