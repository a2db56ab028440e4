using System.Collections.Immutable;
using System.Text;
using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Node.Lists;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Google.Protobuf;
using Grpc.Net.Client;

namespace Aquila.Server.Tests.Lists;

/// <summary>
/// A list project on the real server: created by a coordinator, keyed by a real ceremony among its roster, opened; each
/// party with its own mutual-TLS channel, list client and handle map.
/// </summary>
public sealed class ListScenario : IDisposable
{
    public const string EntriesHeader = TestRecords.Header + ",review_date";

    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private readonly ServerFixture _fixture;
    private readonly Dictionary<string, NodeIdentity> _nodes = [];
    private readonly Dictionary<string, GrpcChannel> _channels = [];
    private readonly Dictionary<string, ListHandleMap> _handles = [];

    private ListScenario(ServerFixture fixture, string id, string[] roster)
    {
        _fixture = fixture;
        Id = id;
        Roster = roster;
        foreach (var party in roster)
        {
            _nodes[party] = NodeIdentity.Load(fixture.Identities[party]);
            _channels[party] = AquilaChannel.Create(fixture.Server.Address, _nodes[party]);
            _handles[party] = ListHandleMap.Load(Path.Combine(fixture.WorkDirectory, id + "-" + party + ".list-handles.csv"));
        }
    }

    public string Id { get; }

    public string[] Roster { get; }

    public ProjectKey Key { get; private set; } = null!;

    public static ReadOnlyMemory<byte> Schema => MatchKeySchema.Default.Hash;

    /// <summary>Creates, keys and opens a list with <paramref name="contributors"/>; the roster adds <paramref name="others"/>.</summary>
    public static async Task<ListScenario> OpenAsync(ServerFixture fixture, string[] contributors, string[] others, long quota = 10_000,
        ListAccess access = ListAccess.Reciprocity, bool ended = false)
    {
        var id = "fl-" + Guid.NewGuid().ToString("N")[..8];
        var roster = contributors.Concat(others).ToArray();
        var scenario = new ListScenario(fixture, id, roster);
        var coordinator = scenario.Coordinator();
        await coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = ProjectDocument.Write(Project(id, contributors, roster, quota, access, ended)) },
            cancellationToken: Cancel);
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_ceremony" }, cancellationToken: Cancel);
        var results = await Task.WhenAll(roster.Select(p =>
            new CeremonyRunner(new Protocol.V1.Coordination.CoordinationClient(scenario._channels[p]), scenario._nodes[p],
                Security.Ceremony.AgreedParties.OfCertificates(roster.Select(q => scenario._nodes[q].Certificate)))
            {
                PollInterval = TimeSpan.FromMilliseconds(50),
            }.RunAsync(id, Cancel)));
        scenario.Key = ProjectKey.FromBytes(results[0].Key);
        foreach (var result in results)
        {
            result.Dispose();
        }

        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "open" }, cancellationToken: Cancel);
        return scenario;
    }

    public static MatchingProject Project(string id, string[] contributors, string[] roster, long quota, ListAccess access, bool ended = false)
    {
        // An ended list (its end passed) may be purged once closed.
        var start = DateTimeOffset.UtcNow.AddDays(ended ? -40 : -1);
        return new MatchingProject
        {
            Id = id,
            Kind = ProjectKind.List,
            List = new ListPolicy
            {
                Contributors = [.. contributors],
                Access = access,
                Queriers = access == ListAccess.Explicit ? [.. roster] : [],
                QuotaTokensPerDay = quota,
            },
            ActionPlan = TestActionPlan.Entry("Regional FTF list", "Check persons against the joint list of foreign terrorist fighters.", ActionPlanStatus.Ongoing),
            Timeline = ended
                ? new ProjectTimeline(start, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(-1), start.AddDays(90))
                : new ProjectTimeline(start, start.AddDays(300), start.AddDays(365), start.AddDays(400)),
            SchemaHash = MatchKeySchema.Default.HashHex,
            Parties = [.. roster.Select(p => new InvitedParty(p, 1000, "Police " + p))],
            HitSharingLegalBasis = "PCC SEE Art. 31",
            AllowedCategories = ImmutableArray.Create(DataSubjectCategory.Suspect, DataSubjectCategory.Convicted, DataSubjectCategory.PersonOfInterest),
        };
    }

    public Protocol.V1.Coordination.CoordinationClient Coordinator()
    {
        var directory = _fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "c" + Guid.NewGuid().ToString("N")[..8]);
        var identity = NodeIdentity.Load(directory);
        var channel = AquilaChannel.Create(_fixture.Server.Address, identity);
        _channels["coordinator-" + directory.GetHashCode()] = channel;
        _nodes["coordinator-" + directory.GetHashCode()] = identity;
        return new Protocol.V1.Coordination.CoordinationClient(channel);
    }

    /// <summary>From now on <paramref name="party"/> connects and signs with the identity in <paramref name="identityDirectory"/>.</summary>
    public void UseIdentity(string party, string identityDirectory)
    {
        _channels[party].Dispose();
        _nodes[party].Dispose();
        _nodes[party] = NodeIdentity.Load(identityDirectory);
        _channels[party] = AquilaChannel.Create(_fixture.Server.Address, _nodes[party]);
    }

    public ListClient Client(string party) => new(new Protocol.V1.Lists.ListsClient(_channels[party]), _nodes[party]);

    public BulkCheckClient BulkClient(string party, int chunkPersons = 1000) =>
        new(new Protocol.V1.Lists.ListsClient(_channels[party]), _nodes[party]) { ChunkPersons = chunkPersons };

    /// <summary>Reconnects every channel (after a server restart).</summary>
    public void Reconnect()
    {
        foreach (var party in _channels.Keys.ToList())
        {
            _channels[party].Dispose();
            _channels[party] = AquilaChannel.Create(_fixture.Server.Address, _nodes[party]);
        }
    }

    /// <summary>Adds (or replaces with) the rows of <paramref name="party"/>: record CSV rows ending in a review date.</summary>
    public async Task<ChangeEntriesReceipt> ChangeAsync(string party, Protocol.V1.ListChangeKind kind, params string[] rows)
    {
        var path = Path.Combine(_fixture.WorkDirectory, Id + "-" + party + "-" + Guid.NewGuid().ToString("N")[..6] + ".csv");
        File.WriteAllText(path, EntriesHeader + "\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(false));
        var (entries, problems) = ListEntryReader.Read(path, ColumnMap.Default, MatchKeySchema.Default, Key);
        Assert.Empty(problems);
        var handles = _handles[party];
        var messages = entries.Select(e => new ListEntry
        {
            Handle = ByteString.CopyFrom(handles.GetOrCreate(e.RecordId)),
            Category = e.Category,
            ReviewDate = e.ReviewDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            TokenEntries = ByteString.CopyFrom(e.TokenEntries),
        }).ToList();
        return await Client(party).ChangeAsync(Id, kind, Schema, messages, [], Cancel);
    }

    public async Task<ChangeEntriesReceipt> RemoveAsync(string party, params string[] recordIds) =>
        await Client(party).ChangeAsync(Id, Protocol.V1.ListChangeKind.Remove, Schema, [],
            [.. recordIds.Select(r => _handles[party].Find(r)!)], Cancel);

    /// <summary>The signed query for one person (a records CSV row without review date).</summary>
    public QueryRequest Signed(string party, string row, string caseReference = "CASE-1", string officer = "officer-7")
    {
        using var tokens = new QueryTokens(MatchKeySchema.Default, Key);
        var path = Path.Combine(_fixture.WorkDirectory, Id + "-q-" + Guid.NewGuid().ToString("N")[..6] + ".csv");
        File.WriteAllText(path, TestRecords.Header + "\n" + row + "\n", new UTF8Encoding(false));
        using var reader = new PersonRecordReader(File.OpenRead(path), path, ColumnMap.Default, Encoding.UTF8);
        Assert.True(reader.TryReadNext(out var person, out _));
        var (entries, _, problem) = tokens.Tokenize(person!);
        Assert.Null(problem);
        return Client(party).Sign(Id, Schema, entries!, caseReference, officer);
    }

    /// <summary>How many query tokens <paramref name="row"/> gives (the same under any key).</summary>
    public static int TokenCount(string row)
    {
        using var key = ProjectKey.Generate();
        using var tokens = new QueryTokens(MatchKeySchema.Default, key);
        using var reader = new PersonRecordReader(new MemoryStream(Encoding.UTF8.GetBytes(TestRecords.Header + "\n" + row + "\n")), "row",
            ColumnMap.Default, Encoding.UTF8);
        Assert.True(reader.TryReadNext(out var person, out _));
        return tokens.Tokenize(person!).Entries!.Length / 17;
    }

    public Task<QueryResult> QueryAsync(string party, string row, string caseReference = "CASE-1") =>
        Client(party).QueryAsync(Signed(party, row, caseReference), Cancel);

    public async Task<List<Protocol.V1.ListHitEvent>> EventsAsync(string party)
    {
        var events = new List<Protocol.V1.ListHitEvent>();
        await foreach (var hit in Client(party).WatchAsync(Id, 0, follow: false, Cancel))
        {
            events.Add(hit);
        }

        return events;
    }

    public string? RecordIdOf(string party, ByteString handle) => _handles[party].Resolve(handle.Span);

    public NodeIdentity Node(string party) => _nodes[party];

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        foreach (var node in _nodes.Values)
        {
            node.Dispose();
        }

        Key?.Dispose();
    }
}
