using Aquila.Matching.Index;
using Aquila.Matching.Lists;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Matching.Tests.Lists;

/// <summary>Joint lists on an in-memory fault-injecting file system with a clock the test moves.</summary>
internal sealed class ListTestBed
{
    public const string ProjectId = "ftf-list-test";

    public static readonly string[] Contributors = ["RS", "BA", "ME"];

    public static readonly HitKey[] Keys = [new("nid", MatchBand.Strong), new("name+dob", MatchBand.Probable), new("skeleton+dob", MatchBand.Possible)];

    public static readonly byte[] DataKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static readonly byte[] ServerKey = [.. Enumerable.Range(101, 16).Select(i => (byte)i)];

    public FaultInjectingFileSystem FileSystem { get; } = new();

    public string Directory { get; } = Path.GetFullPath("/aquila-list-test/" + ProjectId);

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public static DateOnly Today => new(2026, 11, 25);

    public ListTestBed() => FileSystem.CreateDirectory(Directory);

    public static ListDefinition Definition(IReadOnlyList<string>? contributors = null) =>
        new() { ProjectId = ProjectId, Contributors = contributors ?? Contributors, Keys = Keys };

    public Task<JointList> OpenAsync(ListDefinition? definition = null) =>
        JointList.OpenAsync(definition ?? Definition(), new JointListOptions
        {
            Directory = Directory,
            DataKey = DataKey,
            ServerKey = ServerKey,
            FileSystem = FileSystem,
            TimeProvider = Clock,
        }, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);

    public static byte[] Handle(int id)
    {
        var handle = new byte[16];
        BitConverter.TryWriteBytes(handle, id);
        "list-hnd"u8.CopyTo(handle.AsSpan(8));
        return handle;
    }

    /// <summary>Token entries (key index, 16 token bytes) from (key, value) pairs; the same value gives the same token.</summary>
    public static byte[] Tokens(params (int Key, int Value)[] tokens)
    {
        var entries = new byte[tokens.Length * 17];
        for (var i = 0; i < tokens.Length; i++)
        {
            entries[i * 17] = (byte)tokens[i].Key;
            BitConverter.TryWriteBytes(entries.AsSpan((i * 17) + 1), tokens[i].Value);
            "canary-tok"u8.CopyTo(entries.AsSpan((i * 17) + 5));
        }

        return entries;
    }

    public static ListEntryInput Entry(int handle, DateOnly review, params (int Key, int Value)[] tokens) =>
        new(Handle(handle), 0, review, Tokens(tokens));

    public static ListEntryInput Entry(int handle, params (int Key, int Value)[] tokens) => Entry(handle, Today.AddDays(365), tokens);

    public static async Task<ListChangeReceipt> AddAsync(JointList list, string party, params ListEntryInput[] entries)
    {
        var (receipt, problem) = await list.ChangeAsync(party, ListChangeKind.Add, entries, [], TestContext.Current.CancellationToken);
        Assert.Null(problem);
        return receipt!;
    }

    public static Task<ListQueryOutcome> QueryAsync(JointList list, string party, string caseReference, params (int Key, int Value)[] tokens) =>
        list.QueryAsync(party, caseReference, Tokens(tokens), TestContext.Current.CancellationToken);

    public static List<string> Stream(JointList list, string party) =>
        [.. list.ReadEvents(party, 0, int.MaxValue).Select(e =>
            $"{e.Sequence} {e.Kind} {e.HitId} {Convert.ToHexString(e.OwnHandle.ToArray())} {e.OtherParty} {e.Band} {string.Join('+', e.AgreeingKeys)} {e.CaseReference}")];
}

/// <summary>A clock the test sets.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
