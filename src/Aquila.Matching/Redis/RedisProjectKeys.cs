using System.Buffers.Binary;
using System.Text;
using StackExchange.Redis;

namespace Aquila.Matching.Redis;

/// <summary>
/// The Redis key names of one project, under a prefix (default "aq") that lets deployments share a Redis. Every key carries a hash tag, so each script touches one Cluster slot:
/// <c>aq:{P}:…</c> for the project itself, <c>aq:{P:t&lt;s&gt;}:…</c> for token shard s (its <see cref="BucketsPerShard"/>
/// posting buckets) and <c>aq:{P:p&lt;n&gt;}:…</c> for party number n (its hit stream, its hit states, its receipts and counts).
/// </summary>
internal sealed class RedisProjectKeys
{
    /// <summary>
    /// Posting buckets (hashes) per token shard: small enough hashes stay in Redis's compact listpack encoding
    /// (<c>hash-max-listpack-entries</c>, 128 by default: up to ≈ 17 M distinct tokens at 64 shards). Part of the layout.
    /// </summary>
    public const int BucketsPerShard = 2048;

    /// <summary>The version of the stored layout: 2 = bucketed compact postings (1, a hash per token, is refused).</summary>
    public const string LayoutVersion = "2";

    private readonly byte[][] _tokenPrefixes;

    private readonly string _prefix;

    public RedisProjectKeys(string prefix, string projectId, int tokenShards)
    {
        _prefix = prefix;
        ProjectId = projectId;
        Definition = $"{_prefix}:{{{projectId}}}:def";
        DataKey = $"{_prefix}:{{{projectId}}}:dk";
        Layout = $"{_prefix}:{{{projectId}}}:layout";
        _tokenPrefixes = new byte[tokenShards][];
        for (var s = 0; s < tokenShards; s++)
        {
            _tokenPrefixes[s] = Encoding.ASCII.GetBytes($"{_prefix}:{{{projectId}:t{s}}}:b:");
        }
    }

    public string ProjectId { get; }

    /// <summary>The project definition (encoded), written once with SET NX.</summary>
    public RedisKey Definition { get; }

    /// <summary>The project's data key wrapped under the key derived from K_server; deleting it crypto-shreds the project.</summary>
    public RedisKey DataKey { get; }

    /// <summary>The layout version the project's keys are written in (<see cref="LayoutVersion"/>), set with the definition.</summary>
    public RedisKey Layout { get; }

    public int TokenShards => _tokenPrefixes.Length;

    /// <summary>The shard of a re-keyed token (uniform: re-keyed tokens look random).</summary>
    public int ShardOf(ReadOnlySpan<byte> token) => (int)(BinaryPrimitives.ReadUInt32LittleEndian(token) % (uint)_tokenPrefixes.Length);

    /// <summary>The posting bucket of a re-keyed token within its shard (from bytes the shard does not use).</summary>
    public static int BucketOf(ReadOnlySpan<byte> token) => BinaryPrimitives.ReadUInt16LittleEndian(token[4..]) % BucketsPerShard;

    /// <summary>
    /// The hash holding one bucket's postings: field = key index + re-keyed token (17 bytes), value = the token's
    /// postings, 17 bytes each (party byte, sealed handle; see <see cref="RedisScripts.StorePostings"/>).
    /// </summary>
    public RedisKey Bucket(int shard, int bucket)
    {
        var prefix = _tokenPrefixes[shard];
        var key = new byte[prefix.Length + 2];
        prefix.CopyTo(key, 0);
        BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(prefix.Length), (ushort)bucket);
        return key;
    }

    /// <summary>Per shard: tokens suppressed by the fanout rule, by party number.</summary>
    public RedisKey Suppressed(int shard) => $"{_prefix}:{{{ProjectId}:t{shard}}}:supp";

    /// <summary>The party's hit stream (entry ids 0-1, 0-2, …: the sequence is the id).</summary>
    public RedisKey Hits(int party) => $"{_prefix}:{{{ProjectId}:p{party}}}:hits";

    /// <summary>The party's view of each of its hits: hit id → agreeing-key mask (8 bytes, little-endian).</summary>
    public RedisKey Pairs(int party) => $"{_prefix}:{{{ProjectId}:p{party}}}:pairs";

    /// <summary>Hits by band, counted on the side of the lower party number only.</summary>
    public RedisKey Bands(int party) => $"{_prefix}:{{{ProjectId}:p{party}}}:bands";

    /// <summary>The party's batches, records and tokens over its accepted batches.</summary>
    public RedisKey Counts(int party) => $"{_prefix}:{{{ProjectId}:p{party}}}:counts";

    /// <summary>The receipt of one accepted batch, written last.</summary>
    public RedisKey Receipt(int party, string batchIdHex) => $"{_prefix}:{{{ProjectId}:p{party}}}:r:{batchIdHex}";

    /// <summary>The content hash a batch id is being submitted with, until its receipt is written.</summary>
    public RedisKey Claim(int party, string batchIdHex) => $"{_prefix}:{{{ProjectId}:p{party}}}:c:{batchIdHex}";

    /// <summary>Entries a batch appended to its party's stream so far (over interrupted attempts), until its receipt is written.</summary>
    public RedisKey BatchEvents(int party, string batchIdHex) => $"{_prefix}:{{{ProjectId}:p{party}}}:e:{batchIdHex}";

    /// <summary>SCAN patterns matching every key of the project (project ids hold no glob characters).</summary>
    public string[] Patterns => [$"{_prefix}:{{{ProjectId}}}:*", $"{_prefix}:{{{ProjectId}:*"];
}
