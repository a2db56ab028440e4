using System.Buffers.Binary;
using System.Security.Cryptography;
using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Aquila.Matching.Redis;

/// <summary>
/// A matching project's token store on Redis (a single instance or a Cluster), shared by several stateless server
/// instances. Gives the same hits as the embedded <see cref="ProjectMatcher"/> on the same data.
/// </summary>
/// <remarks>
/// <para>Layout (see <see cref="RedisProjectKeys"/>): postings live in token shards, each one hash tag, packed 17 bytes
/// per posting into one field per token of a bucket hash; one shard script call per shard and batch slice (thousands
/// of tokens) adds the postings and returns the other holders. The client groups agreeing keys by record pair (a pair's
/// tokens may lie in many shards) and hands each party's side of each pair to that party's script, which keeps the
/// party's own copy of the pair's key mask and appends a stream entry only when it grows, so it is idempotent. The
/// receipt is written last, with SET NX: a batch interrupted half-way has no receipt and is simply resent.</para>
/// <para>Protection: tokens are re-keyed with K_server before they leave the process; handles in postings and stream
/// entries are sealed with AES-GCM under the project's data key, which is stored in Redis wrapped under a key derived
/// from K_server. Purge deletes the wrapped key and every key of the project.</para>
/// <para>Instances are safe for concurrent use.</para>
/// </remarks>
public sealed partial class RedisProjectStore : IProjectTokenStore
{
    private readonly RedisProjectStoreOptions _options;
    private readonly IDatabase _db;
    private readonly RedisProjectKeys _keys;
    private readonly RedisDataCipher _cipher;
    private readonly RedisPostingCipher _postings;
    private readonly TokenRekeyer _rekeyer;
    private readonly HitKeySchema _schema;
    private readonly byte[] _bandTable;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closed = new();
    private readonly HitSignal[] _signals;
    private int _disposed;

    private RedisProjectStore(ProjectDefinition definition, RedisProjectStoreOptions options, RedisProjectKeys keys, RedisDataCipher cipher,
        RedisPostingCipher postings, TokenRekeyer rekeyer, ILogger logger)
    {
        Definition = definition;
        _options = options;
        _db = options.Connection.GetDatabase();
        _keys = keys;
        _cipher = cipher;
        _postings = postings;
        _rekeyer = rekeyer;
        _logger = logger;
        _schema = new HitKeySchema(definition.Keys);
        _bandTable = new byte[definition.Keys.Count];
        for (var i = 0; i < _bandTable.Length; i++)
        {
            _bandTable[i] = BandCodes.ToByte(definition.Keys[i].Band);
        }

        _signals = new HitSignal[definition.Parties.Count];
        for (var i = 0; i < _signals.Length; i++)
        {
            _signals[i] = new HitSignal();
        }
    }

    /// <inheritdoc/>
    public ProjectDefinition Definition { get; }

    /// <summary>
    /// Opens a project on Redis: stores its definition and a fresh wrapped data key when this is the first instance to
    /// open it (SET NX), otherwise checks the stored definition and unwraps the stored key.
    /// </summary>
    /// <exception cref="ProjectDefinitionMismatchException">Redis holds this project with another roster, schema, fanout or shard count.</exception>
    /// <exception cref="InvalidDataException">The stored data key was wrapped under another K_server, or the project was stored in an
    /// earlier layout (<see cref="RedisProjectKeys.LayoutVersion"/>).</exception>
    /// <exception cref="RedisStoreUnavailableException">Redis cannot be reached.</exception>
    public static async Task<RedisProjectStore> OpenAsync(
        ProjectDefinition definition, RedisProjectStoreOptions options, ILoggerFactory loggers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        definition.Validate();
        options.Validate();
        RequireKeySafeId(definition.ProjectId);
        RequireKeySafeId(options.KeyPrefix);
        var copy = new ProjectDefinition
        {
            ProjectId = definition.ProjectId,
            Parties = [.. definition.Parties],
            SchemaHash = definition.SchemaHash.ToArray(),
            Keys = [.. definition.Keys],
            MaxFanout = definition.MaxFanout,
        };

        var logger = loggers.CreateLogger<RedisProjectStore>();
        var keys = new RedisProjectKeys(options.KeyPrefix, copy.ProjectId, options.TokenShards);
        var db = options.Connection.GetDatabase();
        byte[] dataKey;
        bool created;
        try
        {
            await VerifyDefinitionAsync(db, keys, copy, options.TokenShards).ConfigureAwait(false);
            (dataKey, created) = await RedisDataCipher.OpenOrCreateDataKeyAsync(db, keys.DataKey, options.ServerKey, copy.ProjectId).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            throw Unavailable(logger, e, "open", copy.ProjectId);
        }

        ct.ThrowIfCancellationRequested();
        var cipher = new RedisDataCipher(dataKey, copy.ProjectId);
        var postings = new RedisPostingCipher(dataKey, copy.Parties.Count);
        CryptographicOperations.ZeroMemory(dataKey);
        var store = new RedisProjectStore(copy, options, keys, cipher, postings, new TokenRekeyer(options.ServerKey.Span), logger);
        RedisStoreLog.Opened(logger, copy.ProjectId, options.TokenShards, created ? "created" : "unwrapped");
        return store;
    }

    /// <inheritdoc/>
    public async ValueTask<ProjectCounts> GetCountsAsync(CancellationToken ct = default)
    {
        var parties = Definition.Parties.Count;
        try
        {
            var batch = _db.CreateBatch();
            var counts = new Task<HashEntry[]>[parties];
            var lengths = new Task<long>[parties];
            var bands = new Task<HashEntry[]>[parties];
            for (var p = 0; p < parties; p++)
            {
                counts[p] = batch.HashGetAllAsync(_keys.Counts(p));
                lengths[p] = batch.StreamLengthAsync(_keys.Hits(p));
                bands[p] = batch.HashGetAllAsync(_keys.Bands(p));
            }

            var suppressed = new Task<HashEntry[]>[_keys.TokenShards];
            for (var s = 0; s < suppressed.Length; s++)
            {
                suppressed[s] = batch.HashGetAllAsync(_keys.Suppressed(s));
            }

            batch.Execute();
            var suppressedByParty = new long[parties];
            foreach (var shard in suppressed)
            {
                foreach (var entry in await shard.ConfigureAwait(false))
                {
                    var party = ((byte[])entry.Name!)[0];
                    if (party < parties)
                    {
                        suppressedByParty[party] += (long)entry.Value;
                    }
                }
            }

            var byBand = new HitsByBand();
            var result = new PartyCounts[parties];
            for (var p = 0; p < parties; p++)
            {
                var fields = await counts[p].ConfigureAwait(false);
                result[p] = new PartyCounts(Definition.Parties[p], Field(fields, "batches"), Field(fields, "records"), Field(fields, "tokens"),
                    suppressedByParty[p], await lengths[p].ConfigureAwait(false));
                foreach (var entry in await bands[p].ConfigureAwait(false))
                {
                    byBand.AddStored((long)entry.Name, (long)entry.Value);
                }
            }

            return new ProjectCounts(result, byBand[MatchBand.Strong], byBand[MatchBand.Probable], byBand[MatchBand.Possible]);
        }
        catch (RedisException e)
        {
            throw Unavailable(_logger, e, "counts", Definition.ProjectId);
        }
    }

    /// <summary>Wakes every waiting watcher with an <see cref="ObjectDisposedException"/> and releases the keys held in memory.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        _closed.Cancel();
        _cipher.Dispose();
        _postings.Dispose();
        _rekeyer.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static RedisStoreUnavailableException Unavailable(ILogger logger, RedisException e, string operation, string projectId)
    {
        RedisStoreLog.RedisFailed(logger, e, operation, projectId);
        return new RedisStoreUnavailableException(
            $"The Redis store did not answer during {operation} of project {projectId} ({e.GetType().Name}); nothing was acknowledged. " +
            "Check that every Redis node is up, then retry: resending a batch is safe.", e);
    }

    private static long Field(HashEntry[] fields, string name)
    {
        foreach (var field in fields)
        {
            if (field.Name == name)
            {
                return (long)field.Value;
            }
        }

        return 0;
    }

    // Key names hold project id and prefix; these characters are never a hash-tag brace or a SCAN glob.
    private static void RequireKeySafeId(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                throw new ArgumentException(
                    $"'{value}' cannot be part of a Redis key name here: use ASCII letters, digits, '.', '_' and '-' only.", nameof(value));
            }
        }
    }

    private static async Task VerifyDefinitionAsync(IDatabase db, RedisProjectKeys keys, ProjectDefinition definition, int shards)
    {
        var encoded = DefinitionRecordCodec.Encode(definition);
        var value = new byte[encoded.Length + 4];
        encoded.CopyTo(value, 0);
        BinaryPrimitives.WriteInt32LittleEndian(value.AsSpan(encoded.Length), shards);
        var opened = (RedisResult[])(await db.ScriptEvaluateAsync(RedisScripts.OpenLayout, [keys.Definition, keys.Layout],
            [value, RedisProjectKeys.LayoutVersion]).ConfigureAwait(false))!;
        var stored = (byte[]?)opened[0]
            ?? throw new RedisStoreUnavailableException($"The definition of project {definition.ProjectId} vanished from Redis while it was opened (purged?).");
        var layout = (string?)opened[1];
        if (layout != RedisProjectKeys.LayoutVersion)
        {
            throw new InvalidDataException(
                $"Project {definition.ProjectId} in Redis is stored in layout {layout ?? "1"} (written by an earlier version: a hash per token); " +
                $"this version reads layout {RedisProjectKeys.LayoutVersion} only (bucketed compact postings) and changes nothing. " +
                "Keep the earlier version for this project, or purge the project from Redis and have the nodes resend their batches (docs/scale-out.md).");
        }

        if (stored.AsSpan().SequenceEqual(value))
        {
            return;
        }

        DefinitionRecordCodec.VerifySame(stored.AsMemory(0, Math.Max(0, stored.Length - 4)), definition);
        throw new ProjectDefinitionMismatchException(definition.ProjectId, "token shard count (Redis TokenShards)");
    }

    private int PartyNumber(string party)
    {
        for (var i = 0; i < Definition.Parties.Count; i++)
        {
            if (string.Equals(Definition.Parties[i], party, StringComparison.Ordinal))
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
        return number >= 0
            ? number
            : throw new ArgumentException($"Party {party} is not in the roster of project {Definition.ProjectId}.", nameof(party));
    }
}
