using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Security.Pki;
using Aquila.Server.Application;
using Aquila.Server.Authentication;
using Aquila.Server.Health;
using Aquila.Server.Offline;
using Aquila.Server.Lists;
using Aquila.Server.Options;
using Aquila.Server.Projects;
using Aquila.Server.ScaleOut;
using Aquila.Server.Services;
using Aquila.Server.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Hosting;

/// <summary>
/// A running Aquila server: Kestrel with HTTP/2 over TLS 1.3, every call authenticated by client certificate,
/// the Matching service, gRPC health checks and reflection. Takes its options from the host; reads no
/// configuration itself.
/// </summary>
public sealed class AquilaServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ProjectRegistry _projects;
    private readonly ListRegistry _lists;
    private readonly MatcherRedis _redis;
    private readonly AuditChain _audit;

    /// <summary>The file in the data directory holding the highest CRL number used from each CA.</summary>
    internal const string CrlNumberRecordFile = "crl-numbers";

    private AquilaServer(WebApplication app, ProjectRegistry projects, ListRegistry lists, MatcherRedis redis, AuditChain audit, Uri address)
    {
        _app = app;
        _projects = projects;
        _lists = lists;
        _redis = redis;
        _audit = audit;
        Address = address;
    }

    /// <summary>Where the server listens, e.g. https://127.0.0.1:7443.</summary>
    public Uri Address { get; }

    /// <summary>The projects the server runs (for tests of the host).</summary>
    internal ProjectRegistry Projects => _projects;

    /// <summary>The Prometheus scrape address (its own listener, http or with mutual TLS https), or null when metrics are off.</summary>
    public Uri? MetricsUri { get; private init; }

    /// <summary>The audit chain's latest entry.</summary>
    public AuditHead AuditHead => _audit.Head;

    /// <summary>The open joint lists (for tests that give them a failing file system).</summary>
    internal ListRegistry Lists => _lists;

    /// <summary>The audit chain, for tests that read entries back.</summary>
    internal AuditChain Audit => _audit;

    /// <summary>Writes the summaries of repeated refusals counted so far (the timer and shutdown do it otherwise; for tests).</summary>
    internal Task FlushRefusalsAsync() => _app.Services.GetRequiredService<RefusalDigest>().FlushAsync();

    /// <summary>Opens the stores, starts listening, and returns once the server accepts calls.</summary>
    /// <exception cref="IOException">The data directory is not writable (e.g. mounted read-only): nothing was opened or changed.</exception>
    /// <exception cref="InvalidOperationException">The role does not fit the matcher store, or a limit is not valid (<see cref="ServerOptionsValidator"/>).</exception>
    /// <exception cref="InvalidDataException">A required setting is missing or out of range (<see cref="ServerOptionsValidator"/>).</exception>
    public static async Task<AquilaServer> StartAsync(ServerOptions options, Action<ILoggingBuilder> configureLogging,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configureLogging);
        DataDirectoryCheck.EnsureWritable(options.DataDirectory);
        // The same checks as `aquila server`, for every host: tests, the load driver, a local run.
        ServerOptionsValidator.ThrowIfInvalid(options);
        var loggers = LoggerFactory.Create(configureLogging);
        var keys = new ServerKeyStore(options.KeyDirectory);
        var audit = await AuditChain.OpenAsync(new AuditChainOptions { DatabasePath = Path.Combine(options.DataDirectory, "audit.db") },
            loggers.CreateLogger<AuditChain>(), cancellationToken);
        ProjectRegistry? projects = null;
        ProjectStore? store = null;
        MatcherRedis? redis = null;
        try
        {
            var storeOptions = new ProjectStoreOptions { DatabasePath = Path.Combine(options.DataDirectory, "projects.db") };
            foreach (var declared in options.Projects)
            {
                // A coordinated project may never take a declared (dry-run) project's id: it would be shadowed by it.
                storeOptions.ReservedProjectIds.Add(declared.Id);
            }

            store = await ProjectStore.OpenAsync(storeOptions, loggers.CreateLogger<ProjectStore>(), cancellationToken);
            redis = await MatcherRedis.ConnectAsync(options.Matcher);
            var schemas = SchemaCatalogue.Load(options.SchemaPaths);
            var roles = RoleParts.Create(options, redis, store, audit, TimeProvider.System, loggers);
            var stores = new TokenStoreFactory(options, keys, redis, loggers);
            projects = await ProjectRegistry.OpenAsync(options, store, roles.Lifecycles, stores, schemas,
                loggers.CreateLogger<ProjectRegistry>(), cancellationToken);
            var lists = new ListRegistry(options, keys, store, schemas, loggers);
            var parts = new ServerParts(redis, schemas, stores, projects, lists, roles);
            var app = Build(options, configureLogging, audit, keys, parts);
            try
            {
                RefuseRolledBackCrl(app.Services);
                await app.StartAsync(cancellationToken);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            var metricsPort = app.Services.GetService<MetricsListener>()?.BoundEndPoint.Port;
            var address = new Uri(addresses.First(a => a.StartsWith("https:", StringComparison.Ordinal) && new Uri(a).Port != metricsPort));
            var metricsAddress = options.Metrics.Enabled
                ? app.Services.GetRequiredService<MetricsListener>().ScrapeUri(options.Metrics.Path)
                : null;
            var logger = app.Services.GetRequiredService<ILogger<AquilaServer>>();
            ServerLog.Listening(logger, address.ToString(), options.Projects.Count);
            if (metricsAddress is not null)
            {
                ServerLog.MetricsListening(logger, metricsAddress.ToString());
            }

            return new AquilaServer(app, projects, lists, redis, audit, address) { MetricsUri = metricsAddress };
        }
        catch
        {
            if (projects is not null)
            {
                await projects.DisposeAsync();
            }

            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            if (store is not null)
            {
                await store.DisposeAsync();
            }

            await audit.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops listening, then closes the projects and the audit chain.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        // Counted refusals are written before the chain closes: nothing counted is lost at shutdown.
        await _app.Services.GetRequiredService<RefusalDigest>().DisposeAsync();
        await _app.DisposeAsync();
        await _lists.DisposeAsync();
        await _projects.DisposeAsync();
        await _redis.DisposeAsync();
        await _projects.Store.DisposeAsync();
        await _audit.DisposeAsync();
    }

    private static WebApplication Build(ServerOptions options, Action<ILoggingBuilder> configureLogging, AuditChain audit,
        ServerKeyStore keys, ServerParts parts)
    {
        var roles = parts.Roles;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());

        // ASP.NET Core logs four Information lines per call (request start/end, endpoint start/end): at list-query rates
        // that was the largest single server cost. Its warnings and errors still show; a host may lower the level again.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // grpc-dotnet logs every call's status, detail included, at Information: a flood of refused calls became as many
        // lines (issue 17). Refusals are logged by the server itself, collapsed (RefusalDigest).
        builder.Logging.AddFilter("Grpc.AspNetCore.Server", LogLevel.Warning);
        configureLogging(builder.Logging);
        var serverCertificate = X509Certificate2.CreateFromPemFile(options.CertificatePath, options.KeyPath);
        var metrics = options.Metrics.Enabled
            ? new MetricsListener(MetricsEndPoint.Parse(options.Metrics.Listen), options.Metrics.RequireClientCertificate)
            : null;
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = options.InlineSocketScheduling);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // HTTP/1.1 for Prometheus, apart from the parties' port: nothing but the scrape path answers there.
            metrics?.Configure(kestrel, serverCertificate);

            kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = serverCertificate,
                    SslProtocols = SslProtocols.Tls13,
                    // Accept any client certificate (or none) at the TLS layer: the interceptor decides, answers with a
                    // clear status and audits the refusal, which a failed handshake could not.
                    ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                    ClientCertificateValidation = static (_, _, _) => true,
                });
            });
        });

        var validatorOptions = new ClientCertificateValidatorOptions();
        foreach (var root in options.TrustedRootPaths)
        {
            validatorOptions.TrustedRootCertificatePaths.Add(root);
        }

        validatorOptions.CrlPaths.Add(options.CrlPath);
        // "Never go backwards" survives a restart: restoring the TLS folder from a backup must not re-admit a revoked node.
        validatorOptions.CrlNumberRecordPath = Path.Combine(options.DataDirectory, CrlNumberRecordFile);

        var services = builder.Services;
        services.AddRoutingCore();
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System); // authentication, the list guards, coordination and the offline export
        services.AddSingleton(audit);
        services.AddSingleton(keys);
        services.AddSingleton(parts.Redis);
        services.AddSingleton(parts.Schemas);
        services.AddSingleton(parts.Stores);
        services.AddSingleton(parts.Projects);
        services.AddSingleton(roles.Lifecycles);
        services.AddSingleton<ProjectShredder>();
        services.AddSingleton(new ServerAudit(audit, roles.Relay));
        if (roles.Drain is not null)
        {
            services.AddHostedService(_ => roles.Drain);
        }

        services.AddSingleton(options.Refusals);
        services.AddSingleton<RefusalDigest>();
        services.AddSingleton<CeremonyRelay>();
        AddApplication(services);
        services.AddSingleton(new UploadSlots(options.Uploads));
        // Created here, at start: spool files left by a crash are removed before the first upload.
        services.AddSingleton(new UploadSpool(Path.Combine(options.DataDirectory, options.Uploads.SpoolFolder)));
        AddLists(services, options, parts.Lists, roles);
        services.AddSingleton(provider => new ClientCertificateValidator(validatorOptions,
            provider.GetRequiredService<ILogger<ClientCertificateValidator>>()));
        services.AddSingleton<CertificateAuthenticationInterceptor>();
        services.AddSingleton<RequestValidationInterceptor>();
        services.AddSingleton<StoreUnavailableInterceptor>();
        services.AddSingleton(ServerSealingIdentity.Create(serverCertificate, options.TrustedRootPaths));
        services.AddSingleton(new OfflineRecipients(options.DataDirectory));
        services.AddSingleton<OfflineAudit>();
        services.AddSingleton<OfflineBatchImport>();
        services.AddSingleton<OfflineHitsExport>();
        services.AddGrpc(grpc =>
        {
            // Outermost: a Redis store that does not answer is Unavailable on every path, the interceptors' included.
            grpc.Interceptors.Add<StoreUnavailableInterceptor>();
            grpc.Interceptors.Add<CertificateAuthenticationInterceptor>();
            grpc.Interceptors.Add<RequestValidationInterceptor>();
            if (options.Role == ServerRole.Matcher)
            {
                grpc.Interceptors.Add<MatcherRoleInterceptor>();
            }

            grpc.MaxReceiveMessageSize = 4 << 20;
            grpc.EnableDetailedErrors = false;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks()
            .AddCheck<DataDirectoryHealthCheck>("data-directory")
            .AddCheck<RevocationListHealthCheck>("revocation-list")
            .AddCheck<RedisHealthCheck>("redis");

        if (metrics is not null)
        {
            services.AddSingleton(metrics);
            ServerTelemetry.AddMetrics(services);
        }

        if (options.Tracing.Enabled)
        {
            ServerTelemetry.AddTracing(services, options.Tracing);
        }

        var app = builder.Build();
        if (metrics is not null)
        {
            ServerTelemetry.MapScrapeEndpoint(app, metrics, options.Metrics.Path);
        }

        app.UseRouting();
        // gRPC refuses a unary message over the limit before any interceptor runs: audited here instead.
        app.UseMiddleware<OversizedMessageAudit>();
        app.MapGrpcService<MatchingService>();
        app.MapGrpcService<CoordinationService>();
        app.MapGrpcService<ListsService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    // Loads the CRL before the first call: one older than a CRL this server already used stops the start, clearly.
    private static void RefuseRolledBackCrl(IServiceProvider services)
    {
        ClientCertificateValidator validator;
        try
        {
            validator = services.GetRequiredService<ClientCertificateValidator>();
        }
        catch (InvalidDataException e)
        {
            throw new ServerStartRefusedException(e.Message, e);
        }

        if (!validator.CheckCrlsNotRolledBack(out var problem))
        {
            throw new ServerStartRefusedException(problem + " The server does not start with it: a revoked certificate could be "
                + "accepted again. Put the current CRL in place (the CA operator publishes it with `aquila ca crl`) and start again.");
        }
    }

    // The application layer the services call: access, batch acceptance, the hit feed.
    private static void AddApplication(IServiceCollection services)
    {
        services.AddSingleton<BatchAcceptanceAudit>();
        services.AddSingleton<CoordinatedLifecycle>();
        services.AddSingleton<NodeProjectAccess>();
        services.AddSingleton<NodeListAccess>();
        services.AddSingleton<BatchAcceptance>();
        services.AddSingleton<HitFeed>();
        services.AddSingleton<PartyHits>();
    }

    // The list service and what guards its queries (docs/lists.md).
    // With the Redis store, nonces and quotas are shared by every instance (docs/scale-out.md).
    private static void AddLists(IServiceCollection services, ServerOptions options, ListRegistry lists, RoleParts roles)
    {
        services.AddSingleton(lists);
        services.AddSingleton<ListAudit>();
        services.AddSingleton<BulkCheckAudit>();
        // Query latency and refusals: recorded whether or not metrics are exported (IMeterFactory is cheap without a listener).
        services.AddMetrics();
        services.AddSingleton<ListQueryMetrics>();
        if (roles.Redis is { } redis)
        {
            services.AddSingleton<QueryNonces>(new RedisQueryNonces(redis, roles.Keys, options.Lists.SignatureWindow));
            services.AddSingleton<QueryQuotas>(new RedisQueryQuotas(redis, roles.Keys, TimeProvider.System));
        }
        else
        {
            services.AddSingleton<QueryNonces>(new InMemoryQueryNonces(TimeProvider.System, options.Lists.SignatureWindow));
            services.AddSingleton<QueryQuotas>(new InMemoryQueryQuotas(TimeProvider.System));
        }

        services.AddSingleton(provider => new ScanningDetector(TimeProvider.System, options.Lists));
        // One instance for every call (it keeps no per-call state and every dependency is a singleton): without this
        // registration grpc-dotnet built a new ListsService, resolving its twelve dependencies, for each query.
        services.AddSingleton<ListsService>();
    }
}
