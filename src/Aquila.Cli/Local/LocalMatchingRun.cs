using Aquila.Bench;
using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Node.Hits;
using Aquila.Security;
using Aquila.Security.Pki;
using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Aquila.Tokens.Pipeline;
using Microsoft.Extensions.Logging;

namespace Aquila.Cli.Local;

/// <summary>
/// A whole matching project on one machine, for `aquila demo` and `aquila simulate`: a CA and certificates in a
/// work folder, the real server on a free loopback port with mutual TLS, and one node per party that tokenises,
/// submits over the network and reads its own hits. Nothing is simulated but the distance between the parties.
/// </summary>
internal sealed class LocalMatchingRun : IAsyncDisposable
{
    private readonly Dictionary<string, NodeIdentity> _identities = [];
    private readonly Dictionary<string, List<string>> _handleMaps = [];
    private readonly List<string> _parties = [];
    private readonly LocalPki _pki;
    private readonly RedisMatcherOptions? _redis;
    private ProjectKey _key;
    private NodeIdentity? _coordinator;

    private LocalMatchingRun(string workDirectory, string projectId, MatchKeySchema schema, LocalPki pki, List<AquilaServer> servers,
        ProjectKey key, RedisMatcherOptions? redis)
    {
        WorkDirectory = workDirectory;
        ProjectId = projectId;
        Schema = schema;
        _pki = pki;
        Servers = servers;
        _key = key;
        _redis = redis;
    }

    public string WorkDirectory { get; }

    public string ProjectId { get; }

    public MatchKeySchema Schema { get; }

    /// <summary>The first (with the embedded store, the only) server instance; the coordinator talks to it.</summary>
    public AquilaServer Server => Servers[0];

    /// <summary>Every server instance: one, or several sharing a Redis store.</summary>
    public IReadOnlyList<AquilaServer> Servers { get; }

    /// <summary>
    /// Starts the server. A dry run declares the project in the server's configuration (no lifecycle, one key for
    /// all); a <paramref name="coordinated"/> run leaves it to <see cref="RunProjectThroughCeremonyAsync"/>. With
    /// <paramref name="redis"/>, <paramref name="instances"/> servers share that Redis store (and one K_server); a party
    /// submits to instance (its index mod N) and reads its hits from the next one. A coordinated run on several
    /// instances makes the first the Coordinator (project, ceremony, audit chain) and the others Matchers.
    /// </summary>
    public static async Task<LocalMatchingRun> StartAsync(string workDirectory, string dataDirectory, string projectId,
        IReadOnlyList<string> parties, string? schemaPath, CancellationToken cancellationToken, bool coordinated = false,
        RedisMatcherOptions? redis = null, int instances = 1, MatchKeySchema? builtInSchema = null)
    {
        if (redis is null ? instances != 1 : instances < 1)
        {
            throw new ArgumentException("Several instances need the Redis store.", nameof(instances));
        }

        var roles = coordinated && instances > 1;

        Directory.CreateDirectory(workDirectory);
        // A built-in schema (persons, vehicles) needs no file: every server runs the built-in ones.
        var schema = schemaPath is null ? builtInSchema ?? MatchKeySchema.Default : MatchKeySchema.Load(schemaPath);
        var pki = LocalPki.Create(Path.Combine(workDirectory, "pki"));
        var options = LocalServerOptions.For(pki, dataDirectory, Path.Combine(workDirectory, "server-keys"));
        options.Projects = coordinated ? [] : [new ProjectOptions { Id = projectId, Parties = [.. parties], SchemaPath = schemaPath }];
        options.SchemaPaths = schemaPath is null ? [] : [schemaPath];
        options.Matcher = redis is null ? new MatcherOptions() : new MatcherOptions { Store = MatcherStoreKind.Redis, Redis = redis };
        options.Role = roles ? ServerRole.Coordinator : ServerRole.Standalone;
        var servers = new List<AquilaServer>(instances);
        try
        {
            // One after the other: the first instance creates K_server in the shared key directory.
            for (var i = 0; i < instances; i++)
            {
                var instanceOptions = options;
                if (i > 0)
                {
                    instanceOptions = options.ForInstance(dataDirectory + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    instanceOptions.Role = roles ? ServerRole.Matcher : ServerRole.Standalone;
                }

                servers.Add(await AquilaServer.StartAsync(instanceOptions,
                    logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter(_ => false), cancellationToken));
            }
        }
        catch
        {
            foreach (var started in servers)
            {
                await started.DisposeAsync();
            }

            pki.Dispose();
            throw;
        }

        var run = new LocalMatchingRun(workDirectory, projectId, schema, pki, servers, ProjectKey.Generate(), redis);
        foreach (var party in parties)
        {
            run._identities[party] = NodeIdentity.Load(pki.IssueIdentity(party, PartyRole.Node));
            run._handleMaps[party] = [];
            run._parties.Add(party);
        }

        if (coordinated)
        {
            run._coordinator = NodeIdentity.Load(pki.IssueIdentity(Security.PartyCode.Secretariat, PartyRole.Coordinator));
        }

        return run;
    }

    /// <summary>
    /// The coordinator creates the project and starts its key ceremony; every party's node runs the ceremony through
    /// the relay; the coordinator opens the project. Returns the transcript fingerprint every node computed.
    /// </summary>
    public async Task<string> RunProjectThroughCeremonyAsync(Func<string, long> declaredRecords, CancellationToken cancellationToken)
    {
        using var channel = AquilaChannel.Create(Server.Address, _coordinator!);
        var coordinator = new Protocol.V1.Coordination.CoordinationClient(channel);
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var project = new MatchingProject
        {
            Id = ProjectId,
            ActionPlan = new ActionPlanEntry
            {
                Title = "Aquila demonstration project",
                Objective = "Show a one-time hit/no-hit matching among six parties on synthetic records.",
                LegalBasisReference = "demonstration only",
                ExpectedResult = "Hits on the synthetic persons the parties share.",
                IndicatorsText = "Number of parties involved; number of positive hits.",
                GeographicScope = "Western Balkans",
                FundingSource = "none",
                LeadPartner = Security.PartyCode.Secretariat,
                Partners = [],
                Observers = [],
                Status = ActionPlanStatus.Ongoing,
            },
            Timeline = new ProjectTimeline(start, start.AddDays(30), start.AddDays(60), start.AddDays(90)),
            SchemaHash = Schema.HashHex,
            Parties = [.. _identities.Keys.Select(p => new InvitedParty(p, declaredRecords(p), "demonstration controller " + p))],
            HitSharingLegalBasis = "demonstration only",
            AllowedCategories = [DataSubjectCategory.Suspect, DataSubjectCategory.Convicted, DataSubjectCategory.PersonOfInterest, DataSubjectCategory.Other],
        };
        await coordinator.CreateProjectAsync(new Protocol.V1.CreateProjectRequest { ProjectJson = ProjectDocument.Write(project) },
            cancellationToken: cancellationToken);
        await coordinator.AdvanceAsync(new Protocol.V1.AdvanceRequest { ProjectId = ProjectId, Action = "start_ceremony" },
            cancellationToken: cancellationToken);
        var channels = _identities.ToDictionary(i => i.Key, i => AquilaChannel.Create(Server.Address, i.Value));

        // In the demo every party's certificate is at hand; in a real project each party sends its public-key hash
        // (`aquila node fingerprint`) with its acceptance and every party passes the list to `aquila node join`.
        var agreed = Security.Ceremony.AgreedParties.OfCertificates(_identities.Values.Select(i => i.Certificate));
        try
        {
            var results = await Task.WhenAll(_identities.Select(i =>
                new CeremonyRunner(new Protocol.V1.Coordination.CoordinationClient(channels[i.Key]), i.Value, agreed) { PollInterval = TimeSpan.FromMilliseconds(50) }
                    .RunAsync(ProjectId, cancellationToken)));
            var old = _key;
            _key = ProjectKey.FromBytes(results[0].Key);
            old.Dispose();
            var fingerprint = results[0].Fingerprint;

            // What the parties of a real project compare out of band before `aquila node confirm-fingerprint`.
            if (results.Any(r => r.Fingerprint != fingerprint))
            {
                throw new InvalidOperationException("The nodes of the demonstration computed different transcript fingerprints: the ceremony was tampered with.");
            }
            foreach (var result in results)
            {
                result.Dispose();
            }

            await coordinator.AdvanceAsync(new Protocol.V1.AdvanceRequest { ProjectId = ProjectId, Action = "open" }, cancellationToken: cancellationToken);
            return fingerprint;
        }
        finally
        {
            foreach (var c in channels.Values)
            {
                c.Dispose();
            }
        }
    }

    /// <summary>The coordinator moves the project to Matching (every party submitted): hits are released.</summary>
    public async Task StartMatchingAsync(CancellationToken cancellationToken)
    {
        using var channel = AquilaChannel.Create(Server.Address, _coordinator!);
        await new Protocol.V1.Coordination.CoordinationClient(channel).AdvanceAsync(
            new Protocol.V1.AdvanceRequest { ProjectId = ProjectId, Action = "start_matching" }, cancellationToken: cancellationToken);
    }

    /// <summary>The project's indicators as the coordinator sees them, as a Markdown table.</summary>
    public async Task<string> IndicatorsMarkdownAsync(CancellationToken cancellationToken)
    {
        using var channel = AquilaChannel.Create(Server.Address, _coordinator!);
        var view = await new Protocol.V1.Coordination.CoordinationClient(channel).GetIndicatorsAsync(
            new Protocol.V1.ProjectRef { ProjectId = ProjectId }, cancellationToken: cancellationToken);
        return view.Markdown;
    }

    /// <summary>Party <paramref name="party"/>'s node tokenises its export.</summary>
    public TokenizeSummary Tokenize(string party, string csvPath, ColumnMap columns, CancellationToken cancellationToken)
    {
        var batch = Path.Combine(WorkDirectory, "nodes", party, Path.GetFileNameWithoutExtension(csvPath) + ".aqb");
        Directory.CreateDirectory(Path.GetDirectoryName(batch)!);
        var options = new TokenizeOptions
        {
            InputPath = csvPath, BatchPath = batch, Party = party, ProjectId = ProjectId, Columns = columns, Schema = Schema,
        };
        var summary = BatchTokenizer.Run(options, _key, null, cancellationToken);
        _handleMaps[party].Add(options.EffectiveHandleMapPath);
        return summary;
    }

    /// <summary>Party <paramref name="party"/>'s node certificate directory (key, certificate, CA certificate).</summary>
    public string CertificateDirectory(string party) => Path.Combine(_pki.Directory, "parties", $"{party}-node-1");

    /// <summary>The handle maps of the batches party <paramref name="party"/> tokenised.</summary>
    public IReadOnlyList<string> HandleMaps(string party) => _handleMaps[party];

    /// <summary>Party <paramref name="party"/>'s node submits its batches over mutual TLS.</summary>
    public async Task SubmitAsync(string party, CancellationToken cancellationToken)
    {
        using var channel = AquilaChannel.Create(Servers[_parties.IndexOf(party) % Servers.Count].Address, _identities[party]);
        var submitter = new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(channel));
        foreach (var map in _handleMaps[party])
        {
            await submitter.SubmitAsync(map[..^".handles.csv".Length], null, cancellationToken);
        }
    }

    /// <summary>Party <paramref name="party"/>'s hits as its analyst sees them, resolved to its own record ids.</summary>
    public async Task<List<ResolvedHit>> HitsAsync(string party, CancellationToken cancellationToken)
    {
        var map = HandleMap.Load(_handleMaps[party]);
        // From the instance after the one the party submitted to: with several instances, hits are read where they were not made.
        using var channel = AquilaChannel.Create(Servers[(_parties.IndexOf(party) + 1) % Servers.Count].Address, _identities[party]);
        var latest = new Dictionary<string, ResolvedHit>(StringComparer.Ordinal);
        await foreach (var hit in new HitFeed(new Protocol.V1.Matching.MatchingClient(channel), map)
            .ReadAsync(ProjectId, 0, follow: false, cancellationToken))
        {
            latest[hit.HitId] = new ResolvedHit(hit.HitId, party, hit.RecordId ?? "?", hit.OtherParty, hit.Band, hit.AgreeingKeys);
        }

        return [.. latest.Values];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Servers)
        {
            await server.DisposeAsync();
        }

        if (_redis is not null)
        {
            await RedisRunCleanup.PurgeAsync(_redis, ProjectId);
        }

        foreach (var identity in _identities.Values)
        {
            identity.Dispose();
        }

        _coordinator?.Dispose();
        _pki.Dispose();
        _key.Dispose();
    }
}

/// <summary>One side's view of a hit: what an analyst of <see cref="Party"/> sees.</summary>
internal sealed record ResolvedHit(string HitId, string Party, string RecordId, string OtherParty, MatchBand Band, IReadOnlyList<string> Keys);
