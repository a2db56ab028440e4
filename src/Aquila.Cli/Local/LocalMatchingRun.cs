using Aquila.Node;
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
    private readonly LocalPki _pki;
    private readonly ProjectKey _key;

    private LocalMatchingRun(string workDirectory, string projectId, MatchKeySchema schema, LocalPki pki, AquilaServer server,
        ProjectKey key)
    {
        WorkDirectory = workDirectory;
        ProjectId = projectId;
        Schema = schema;
        _pki = pki;
        Server = server;
        _key = key;
    }

    public string WorkDirectory { get; }

    public string ProjectId { get; }

    public MatchKeySchema Schema { get; }

    public AquilaServer Server { get; }

    public static async Task<LocalMatchingRun> StartAsync(string workDirectory, string dataDirectory, string projectId,
        IReadOnlyList<string> parties, string? schemaPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var schema = schemaPath is null ? MatchKeySchema.Default : MatchKeySchema.Load(schemaPath);
        var pki = LocalPki.Create(Path.Combine(workDirectory, "pki"));
        var options = new ServerOptions
        {
            Port = 0,
            CertificatePath = pki.Server.CertificatePath,
            KeyPath = pki.Server.KeyPath,
            TrustedRootPaths = [pki.AuthorityCertificatePath],
            CrlPath = pki.CrlPath,
            DataDirectory = dataDirectory,
            KeyDirectory = Path.Combine(workDirectory, "server-keys"),
            Projects = [new ProjectOptions { Id = projectId, Parties = [.. parties], SchemaPath = schemaPath }],
        };
        var server = await AquilaServer.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter(_ => false),
            cancellationToken);
        var run = new LocalMatchingRun(workDirectory, projectId, schema, pki, server, ProjectKey.Generate());
        foreach (var party in parties)
        {
            run._identities[party] = NodeIdentity.Load(pki.IssueIdentity(party, PartyRole.Node));
            run._handleMaps[party] = [];
        }

        return run;
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

    /// <summary>Party <paramref name="party"/>'s node submits its batches over mutual TLS.</summary>
    public async Task SubmitAsync(string party, CancellationToken cancellationToken)
    {
        using var channel = AquilaChannel.Create(Server.Address, _identities[party]);
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
        using var channel = AquilaChannel.Create(Server.Address, _identities[party]);
        var latest = new Dictionary<string, ResolvedHit>(StringComparer.Ordinal);
        await foreach (var hit in new HitReader(new Protocol.V1.Matching.MatchingClient(channel))
            .ReadAsync(ProjectId, 0, follow: false, cancellationToken))
        {
            var id = Convert.ToHexStringLower(hit.HitId.Span);
            latest[id] = new ResolvedHit(id, party, map.Resolve(hit.OwnHandle.Span) ?? "?", hit.OtherParty,
                (MatchBand)(int)hit.Band, [.. hit.AgreeingKeys]);
        }

        return [.. latest.Values];
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        foreach (var identity in _identities.Values)
        {
            identity.Dispose();
        }

        _pki.Dispose();
        _key.Dispose();
    }
}

/// <summary>One side's view of a hit: what an analyst of <see cref="Party"/> sees.</summary>
internal sealed record ResolvedHit(string HitId, string Party, string RecordId, string OtherParty, MatchBand Band, IReadOnlyList<string> Keys);
