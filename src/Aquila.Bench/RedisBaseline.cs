using System.Diagnostics;
using Aquila.Tokens.Batches;
using StackExchange.Redis;

namespace Aquila.Bench;

/// <summary>
/// The Redis baseline on the same batch files: each party's client (its own connection) reads its batches and adds
/// every token entry (key index + token, 17 bytes) to the party's set for the token's shard with SADD of
/// <see cref="LoadOptions.RedisMembersPerCommand"/> members per command, at most <see cref="LoadOptions.RedisPipelineDepth"/>
/// commands in flight; all parties at once. Then the cross-party intersection: SINTER of every pair of parties' sets
/// per shard, pipelined the same way.
/// </summary>
internal sealed class RedisBaseline(LoadOptions options, string[] parties)
{
    public async Task<RedisResult> RunAsync(string executable, string directory, string appendFsync, IReadOnlyList<PreparedBatch> batches,
        CancellationToken cancellationToken)
    {
        using var server = await RedisServerProcess.StartAsync(executable, directory, appendFsync, cancellationToken);
        var endpoint = $"127.0.0.1:{server.Port},allowAdmin=true,syncTimeout=120000,asyncTimeout=120000";
        var connections = new ConnectionMultiplexer[parties.Length];
        try
        {
            for (var p = 0; p < parties.Length; p++)
            {
                connections[p] = await ConnectionMultiplexer.ConnectAsync(endpoint);
            }

            var rssBefore = server.ResidentBytes();
            var cpuBefore = CpuClock.ProcessSeconds() + CpuClock.OtherProcessSeconds(server.ProcessId);
            var clock = Stopwatch.StartNew();
            var feeds = new Task<long>[parties.Length];
            for (var p = 0; p < parties.Length; p++)
            {
                var party = p;
                feeds[p] = Task.Run(() => FeedAsync(connections[party].GetDatabase(), party, batches, cancellationToken), cancellationToken);
            }

            var tokens = (await Task.WhenAll(feeds)).Sum();
            var ingestSeconds = clock.Elapsed.TotalSeconds;
            var ingestCpu = CpuClock.ProcessSeconds() + CpuClock.OtherProcessSeconds(server.ProcessId) - cpuBefore;
            var rssAfter = server.ResidentBytes();

            clock.Restart();
            var joins = new Task<long>[parties.Length];
            for (var p = 0; p < parties.Length; p++)
            {
                var party = p;
                joins[p] = Task.Run(() => IntersectAsync(connections[party].GetDatabase(), party), cancellationToken);
            }

            var shared = (await Task.WhenAll(joins)).Sum();
            return new RedisResult(appendFsync, tokens, ingestSeconds, ingestCpu, clock.Elapsed.TotalSeconds, shared, rssAfter - rssBefore);
        }
        finally
        {
            foreach (var connection in connections)
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
        }
    }

    private static RedisKey SetKey(int party, int shard) => $"t:{party}:{shard}";

    private async Task<long> FeedAsync(IDatabase database, int party, IReadOnlyList<PreparedBatch> batches, CancellationToken cancellationToken)
    {
        var perCommand = options.RedisMembersPerCommand;
        var pending = new Queue<Task>();
        var buffers = new RedisValue[options.RedisShards][];
        var filled = new int[options.RedisShards];
        for (var s = 0; s < buffers.Length; s++)
        {
            buffers[s] = new RedisValue[perCommand];
        }

        long tokens = 0;
        var record = new BatchRecord();
        var ready = new List<(int Shard, RedisValue[] Members)>();
        foreach (var batch in batches)
        {
            if (batch.Party != parties[party])
            {
                continue;
            }

            using var reader = BatchFileReader.Open(batch.Path);
            while (reader.TryReadRecord(record))
            {
                tokens += Distribute(record, buffers, filled, ready);
                foreach (var (shard, members) in ready)
                {
                    await SendAsync(database, pending, SetKey(party, shard), members);
                }

                ready.Clear();
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        for (var s = 0; s < buffers.Length; s++)
        {
            if (filled[s] > 0)
            {
                await SendAsync(database, pending, SetKey(party, s), buffers[s][..filled[s]]);
            }
        }

        await Task.WhenAll(pending);
        return tokens;
    }

    // Puts a record's token entries into their shards' buffers; full buffers move to ready as SADD commands.
    private int Distribute(BatchRecord record, RedisValue[][] buffers, int[] filled, List<(int Shard, RedisValue[] Members)> ready)
    {
        var entries = record.TokenEntries;
        for (var i = 0; i < record.TokenCount; i++)
        {
            var entry = entries.Slice(i * BatchFormat.TokenEntryLength, BatchFormat.TokenEntryLength);
            var shard = entry[1] % options.RedisShards;
            buffers[shard][filled[shard]++] = entry.ToArray();
            if (filled[shard] == buffers[shard].Length)
            {
                ready.Add((shard, buffers[shard]));
                buffers[shard] = new RedisValue[buffers[shard].Length];
                filled[shard] = 0;
            }
        }

        return record.TokenCount;
    }

    private async Task SendAsync(IDatabase database, Queue<Task> pending, RedisKey key, RedisValue[] members)
    {
        if (pending.Count >= options.RedisPipelineDepth)
        {
            await pending.Dequeue();
        }

        pending.Enqueue(database.SetAddAsync(key, members));
    }

    private async Task<long> IntersectAsync(IDatabase database, int party)
    {
        var pending = new Queue<Task<RedisValue[]>>();
        long shared = 0;
        for (var other = party + 1; other < parties.Length; other++)
        {
            for (var shard = 0; shard < options.RedisShards; shard++)
            {
                if (pending.Count >= options.RedisPipelineDepth)
                {
                    shared += (await pending.Dequeue()).Length;
                }

                pending.Enqueue(database.SetCombineAsync(SetOperation.Intersect, SetKey(party, shard), SetKey(other, shard)));
            }
        }

        while (pending.Count > 0)
        {
            shared += (await pending.Dequeue()).Length;
        }

        return shared;
    }
}

/// <summary>Figures of one Redis baseline run.</summary>
internal sealed record RedisResult(string AppendFsync, long Tokens, double IngestSeconds, double IngestCpuSeconds, double IntersectSeconds, long SharedTokens, long RssGrowthBytes)
{
    public double TokensPerSecond => Tokens / IngestSeconds;

    /// <summary>Tokens per CPU second of the client (this process) and redis-server together.</summary>
    public double TokensPerCpuSecond => Tokens / IngestCpuSeconds;
}
