using System.Text;
using System.Text.Json;
using Aquila.Bench;
using Aquila.Coordination.Projects;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Security.Pki;
using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Keys;
using Aquila.Tokens.Pipeline;
using Grpc.Net.Client;

namespace Aquila.Node.Inbox.Tests;

/// <summary>
/// A real server on loopback with real certificates and a coordinated project of RS and BA: ceremony run, data sets
/// submitted, the project left Open so a test decides when hits are released (<see cref="StartMatchingAsync"/>).
/// RS's export has two persons BA also holds and one it does not.
/// </summary>
public sealed class InboxFlowFixture : IAsyncLifetime
{
    public const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category";

    private readonly TempDirectory _root = new();
    private readonly List<IDisposable> _owned = [];
    private Protocol.V1.Coordination.CoordinationClient _coordinator = null!;

    public string ProjectId { get; } = "inbox-" + Guid.NewGuid().ToString("N")[..8];

    // Dry-run projects declared in the server's configuration (hits are released as batches arrive), one per
    // SubmitDryRunAsync call: a test that follows one sees only its own hit, whatever ran before it.
    private readonly string[] _dryRunProjectIds = [.. Enumerable.Range(0, 8).Select(_ => "dry-" + Guid.NewGuid().ToString("N")[..8])];
    private int _dryRunsUsed;

    public LocalPki Pki { get; private set; } = null!;

    public AquilaServer Server { get; private set; } = null!;

    public Dictionary<string, string> Identities { get; } = [];

    /// <summary>RS's own export (with personal data: it never leaves the node).</summary>
    public string RsRecords => _root.File("rs/rs-export.csv");

    /// <summary>RS's handle map.</summary>
    public string RsHandles { get; private set; } = "";

    public string NewDirectory(string name) => Directory.CreateDirectory(_root.File(name + "-" + Guid.NewGuid().ToString("N")[..6])).FullName;

    public async ValueTask InitializeAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        Pki = LocalPki.Create(_root.File("pki"));
        foreach (var party in new[] { "RS", "BA" })
        {
            Identities[party] = Pki.IssueIdentity(party, PartyRole.Node);
        }

        Identities["RS-analyst"] = Pki.IssueIdentity("RS", PartyRole.Analyst);
        Identities["BA-analyst"] = Pki.IssueIdentity("BA", PartyRole.Analyst);
        Identities["coordinator"] = Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator);
        var options = LocalServerOptions.For(Pki, _root.File("data"), _root.File("server-keys"));
        options.MaxBatchBytes = 1 << 20;
        options.Projects = [.. _dryRunProjectIds.Select(id => new ProjectOptions { Id = id, Parties = ["RS", "BA"] })];
        Server = await AquilaServer.StartAsync(options, _ => { }, cancel);

        _coordinator = new Protocol.V1.Coordination.CoordinationClient(Channel("coordinator"));
        await _coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = ProjectDocument.Write(Project()) }, cancellationToken: cancel);
        await _coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = ProjectId, Action = "start_ceremony" }, cancellationToken: cancel);
        var results = await Task.WhenAll(new[] { "RS", "BA" }.Select(party =>
            new CeremonyRunner(new Protocol.V1.Coordination.CoordinationClient(Channel(party)), Node(party),
                Security.Ceremony.AgreedParties.OfCertificates(new[] { "RS", "BA" }.Select(p => Node(p).Certificate)))
            {
                PollInterval = TimeSpan.FromMilliseconds(50),
            }.RunAsync(ProjectId, cancel)));
        using var key = ProjectKey.FromBytes(results[0].Key);
        foreach (var result in results)
        {
            result.Dispose();
        }

        await _coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = ProjectId, Action = "open" }, cancellationToken: cancel);
        Directory.CreateDirectory(_root.File("rs"));
        Directory.CreateDirectory(_root.File("ba"));
        var rsBatch = Tokenize(RsRecords, "RS", ProjectId, key,
            "RS-CASE-0001,Стојановић,Милош,Драган,М,04.05.1982.,Ниш,RS,,,suspect",
            "RS-CASE-0002,Kovačević,Ana,,Ž,1975-11-23,Beograd,RS,,,suspect",
            "RS-CASE-0003,Petrović,Marko,,M,1990-01-01,Novi Sad,RS,,,suspect");
        RsHandles = rsBatch + ".handles.csv";
        var baBatch = Tokenize(_root.File("ba/ba-export.csv"), "BA", ProjectId, key,
            "BA-77,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,SRB,,,suspect",
            "BA-78,Kovacevic,Ana,,F,1975-11-23,Beograd,SRB,,,suspect");
        await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(Channel("RS"))).SubmitAsync(rsBatch, null, cancel);
        await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(Channel("BA"))).SubmitAsync(baBatch, null, cancel);
    }

    /// <summary>
    /// RS and BA submit one matching person each to a dry-run project of their own (released at once); returns the
    /// project and RS's handle map.
    /// </summary>
    public async Task<DryRun> SubmitDryRunAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        var projectId = _dryRunProjectIds[Interlocked.Increment(ref _dryRunsUsed) - 1];
        using var key = ProjectKey.Generate();
        var folder = NewDirectory("dry");
        var rs = Tokenize(Path.Combine(folder, "rs.csv"), "RS", projectId, key, "RS-DRY-1,Jovanović,Jelena,,Ž,1988-03-14,Kragujevac,RS,,,suspect");
        var ba = Tokenize(Path.Combine(folder, "ba.csv"), "BA", projectId, key, "BA-DRY-9,Jovanovic,Jelena,,F,1988-03-14,Kragujevac,SRB,,,suspect");
        await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(Channel("RS"))).SubmitAsync(rs, null, cancel);
        await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(Channel("BA"))).SubmitAsync(ba, null, cancel);
        return new DryRun(projectId, rs + ".handles.csv");
    }

    /// <summary>The coordinator moves the project to Matching: the hits are released.</summary>
    public async Task StartMatchingAsync() =>
        await _coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = ProjectId, Action = "start_matching" },
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>"Hits confirmed" in the coordinator's indicators.</summary>
    public async Task<long> ConfirmedHitsAsync()
    {
        var view = await _coordinator.GetIndicatorsAsync(new ProjectRef { ProjectId = ProjectId }, cancellationToken: TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(view.Json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name.Replace("_", "", StringComparison.Ordinal).Equals("hitsconfirmed", StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.GetInt64();
            }
        }

        throw new InvalidDataException("The indicators have no 'hits confirmed': " + view.Json);
    }

    public InboxOptions InboxOptions(string dataDirectory) => new()
    {
        Server = Server.Address,
        CertificateDirectory = Identities["RS"],
        AnalystCertificateDirectory = Identities["RS-analyst"],
        Projects = [ProjectId],
        HandleMaps = [RsHandles],
        RecordFiles = [RsRecords],
        DataDirectory = dataDirectory,
        RetryDelay = TimeSpan.FromMilliseconds(200),
    };

    private MatchingProject Project()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        return new MatchingProject
        {
            Id = ProjectId,
            ActionPlan = new ActionPlanEntry
            {
                Title = "Inbox browser test", Objective = "Find connections between persons of interest.", LegalBasisReference = "PCC SEE Art. 31",
                ExpectedResult = "Hits followed up through legal channels.", IndicatorsText = "Number of positive hits.",
                GeographicScope = "Western Balkans", FundingSource = "test", LeadPartner = "PCC", Partners = [], Observers = [],
                Status = ActionPlanStatus.Initiated,
            },
            Timeline = new ProjectTimeline(start, start.AddDays(30), start.AddDays(60), start.AddDays(90)),
            SchemaHash = MatchKeySchema.Default.HashHex,
            Parties = [new InvitedParty("RS", 100, "Police RS"), new InvitedParty("BA", 100, "Police BA")],
            HitSharingLegalBasis = "PCC SEE Art. 31",
            AllowedCategories = [DataSubjectCategory.Suspect],
        };
    }

    private static string Tokenize(string csv, string party, string projectId, ProjectKey key, params string[] rows)
    {
        File.WriteAllText(csv, Header + "\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(false));
        var batch = Path.ChangeExtension(csv, ".aqb");
        var summary = BatchTokenizer.Run(new TokenizeOptions { InputPath = csv, BatchPath = batch, Party = party, ProjectId = projectId }, key, null,
            CancellationToken.None);
        return summary.RecordsRejected == 0 ? batch : throw new InvalidOperationException($"{summary.RecordsRejected} record(s) rejected");
    }

    private NodeIdentity Node(string name)
    {
        var identity = NodeIdentity.Load(Identities[name]);
        _owned.Add(identity);
        return identity;
    }

    private GrpcChannel Channel(string name)
    {
        var channel = AquilaChannel.Create(Server.Address, Node(name));
        _owned.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Pki?.Dispose();
        _root.Dispose();
    }
}

/// <summary>A dry-run project with one hit in it, and RS's handle map for it.</summary>
public sealed record DryRun(string ProjectId, string Handles);
