using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Matching.Storage;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Matching.Tests.Projects;

/// <summary>Builds project matchers for tests on an in-memory fault-injecting file system or a real temp directory.</summary>
internal sealed class ProjectTestBed : IDisposable
{
    public const string ProjectId = "proj-2026-aquila-projects";

    public static readonly string[] Parties = ["RS", "BA", "ME"];

    public static readonly HitKey[] Keys =
    [
        new("nid", MatchBand.Strong),
        new("name+dob", MatchBand.Probable),
        new("skeleton+dob", MatchBand.Possible),
    ];

    public static readonly byte[] DataKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static readonly byte[] ServerKey = [.. Enumerable.Range(101, 16).Select(i => (byte)i)];

    private readonly TempDirectory? _temp;

    private ProjectTestBed(IFileSystem fileSystem, string directory, TempDirectory? temp)
    {
        FileSystem = fileSystem;
        Directory = directory;
        _temp = temp;
    }

    public IFileSystem FileSystem { get; }

    public string Directory { get; }

    public FaultInjectingFileSystem Faults => (FaultInjectingFileSystem)FileSystem;

    public static ProjectTestBed InMemory(TimeSpan flushLatency = default)
    {
        var fileSystem = new FaultInjectingFileSystem { FlushLatency = flushLatency };
        var directory = Path.GetFullPath("/aquila-project-test/" + ProjectId);
        fileSystem.CreateDirectory(directory);
        return new ProjectTestBed(fileSystem, directory, null);
    }

    public static ProjectTestBed OnDisk()
    {
        var temp = new TempDirectory();
        return new ProjectTestBed(PhysicalFileSystem.Instance, Path.Combine(temp.Path, ProjectId), temp);
    }

    public static ProjectDefinition Definition(int maxFanout = 5, IReadOnlyList<string>? parties = null) => new()
    {
        ProjectId = ProjectId,
        Parties = parties ?? Parties,
        SchemaHash = Enumerable.Repeat((byte)0x5C, 32).ToArray(),
        Keys = Keys,
        MaxFanout = maxFanout,
    };

    public ProjectMatcherOptions Options(byte[]? dataKey = null, int maxBatchRecords = ProjectMatcherOptions.DefaultMaxBatchRecords) => new()
    {
        Directory = Directory,
        DataKey = dataKey ?? DataKey,
        ServerKey = ServerKey,
        FileSystem = FileSystem,
        MaxBatchRecords = maxBatchRecords,
    };

    /// <summary>Options with a fixed clock (so receipts compare across runs) and the given snapshot policy.</summary>
    public ProjectMatcherOptions SnapshotOptions(long snapshotEveryBytes = 0, bool snapshotOnDispose = false, long segmentSize = 4096) => new()
    {
        Directory = Directory,
        DataKey = DataKey,
        ServerKey = ServerKey,
        FileSystem = FileSystem,
        SegmentSize = segmentSize,
        SnapshotEveryBytes = snapshotEveryBytes,
        SnapshotOnDispose = snapshotOnDispose,
        TimeProvider = FixedClock.Instance,
    };

    public Task<ProjectMatcher> OpenAsync(ProjectDefinition? definition = null, ProjectMatcherOptions? options = null) =>
        ProjectMatcher.OpenAsync(definition ?? Definition(), options ?? Options(), NullLoggerFactory.Instance, TestContext.Current.CancellationToken);

    /// <summary>A 16-byte batch id derived from a number.</summary>
    public static byte[] BatchId(int n)
    {
        var id = new byte[16];
        BitConverter.TryWriteBytes(id, n);
        id[15] = 0xB1;
        return id;
    }

    /// <summary>A 32-byte content hash derived from a number.</summary>
    public static byte[] ContentHash(int n)
    {
        var hash = new byte[32];
        BitConverter.TryWriteBytes(hash, n);
        hash[31] = 0xC4;
        return hash;
    }

    /// <summary>A token that is the same for the same value, recognisable in raw bytes.</summary>
    public static byte[] Token(int value)
    {
        var token = new byte[16];
        BitConverter.TryWriteBytes(token, value);
        "canary-tok"u8.CopyTo(token.AsSpan(4));
        token[14] = 0xE7;
        token[15] = 0x3D;
        return token;
    }

    public static byte[] Handle(int party, int id)
    {
        var handle = new byte[16];
        BitConverter.TryWriteBytes(handle, id);
        handle[8] = (byte)party;
        "hndl-cn"u8.CopyTo(handle.AsSpan(9));
        return handle;
    }

    /// <summary>A batch of records given as (handle id, [(key index, token value)]).</summary>
    public static TokenBatch Batch(int party, params (int Handle, (int Key, int Token)[] Tokens)[] records)
    {
        var batch = new TokenBatch();
        foreach (var (handle, tokens) in records)
        {
            batch.AddRecord(Handle(party, handle));
            foreach (var (key, token) in tokens)
            {
                batch.AddToken((byte)key, Token(token));
            }
        }

        return batch;
    }

    public static Task<SubmitOutcome> SubmitAsync(ProjectMatcher matcher, string party, int batch, TokenBatch tokens, int content = -1) =>
        matcher.SubmitAsync(party, BatchId(batch), ContentHash(content < 0 ? batch : content), tokens, TestContext.Current.CancellationToken);

    public static Task<SubmitOutcome> ReplaceAsync(ProjectMatcher matcher, string party, int batch, TokenBatch tokens, int content = -1) =>
        matcher.ReplaceDataSetAsync(party, BatchId(batch), ContentHash(content < 0 ? batch : content), tokens, TestContext.Current.CancellationToken);

    /// <summary>A party's whole hit stream as comparable text (views hold lists, so records do not compare by value).</summary>
    public static List<string> Stream(ProjectMatcher matcher, string party) =>
        [.. matcher.ReadHits(party, 0, int.MaxValue).Select(Describe)];

    public static string Describe(PartyHitEvent e) =>
        $"{e.Sequence} {e.Kind} {e.Hit.HitId} {Convert.ToHexString(e.Hit.OwnHandle.ToArray())} {e.Hit.OtherPartyCode} {e.Hit.Band} {string.Join('+', e.Hit.AgreeingKeys)}";

    public static string Describe(BatchReceipt? r) => r is null
        ? "none"
        : $"{r.Party} {Convert.ToHexString(r.BatchId.Span)} {Convert.ToHexString(r.ContentHash.Span)} {r.Records} {r.Tokens} {r.Lsn} {r.AcceptedAt:O} {r.NewHitEvents} "
            + $"replaces={r.ReplacesEarlier} replaced-at={r.ReplacedAtLsn} by={Convert.ToHexString(r.ReplacedBy.Span)}";

    public void Dispose() => _temp?.Dispose();
}
