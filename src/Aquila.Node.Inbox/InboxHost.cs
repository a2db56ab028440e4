using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security;
using Aquila.Security.Pki;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Input;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aquila.Node.Inbox;

/// <summary>
/// A running inbox: Kestrel (on loopback with the run's token, or with mutual TLS for analyst certificates), the hit
/// follower, the notifier and the pages. Without TLS <see cref="Url"/> carries the run's token — print it for the analyst,
/// never log it.
/// </summary>
public sealed class InboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<IDisposable> _owned;

    private InboxHost(WebApplication app, Uri address, AccessToken token, bool mutualTls, IReadOnlyList<string> projects, List<IDisposable> owned)
    {
        _app = app;
        _owned = owned;
        Address = address;
        Token = token;
        MutualTls = mutualTls;
        Projects = projects;
    }

    /// <summary>The address it listens on, without the token.</summary>
    public Uri Address { get; }

    /// <summary>The address to open in the browser: with the one-time token, or (mutual TLS) the address itself.</summary>
    public Uri Url => MutualTls ? Address : new(Address, "/?" + AccessToken.QueryName + "=" + Token.Value);

    /// <summary>True when analysts come in with client certificates rather than the token.</summary>
    public bool MutualTls { get; }

    /// <summary>The projects followed (those given, or every project of the party).</summary>
    public IReadOnlyList<string> Projects { get; }

    internal AccessToken Token { get; }

    /// <summary>Loads credentials, handle maps and records, opens the database, and starts listening and following.</summary>
    /// <exception cref="ArgumentException">
    /// A listen address that is not loopback without mutual TLS (the token is only safe on loopback), or no project to follow.
    /// </exception>
    public static async Task<InboxHost> StartAsync(InboxOptions options, Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Tls is null && !IPAddress.IsLoopback(options.Listen.Address))
        {
            throw new ArgumentException(
                $"Without mutual TLS the inbox listens on loopback only ({options.Listen} is not); give analysts certificates (--tls-cert) "
                + "or reach it through SSH port forwarding.", nameof(options));
        }

        var owned = new List<IDisposable>();
        try
        {
            var node = NodeIdentity.Load(options.CertificateDirectory);
            owned.Add(node);
            var analyst = options.AnalystCertificateDirectory is null ? node : NodeIdentity.Load(options.AnalystCertificateDirectory);
            if (!ReferenceEquals(analyst, node))
            {
                owned.Add(analyst);
            }

            var ownParty = PartyIdentity.TryFromCertificate(node.Certificate, out var identity, out var error)
                ? identity.Party
                : throw new InvalidDataException("The node certificate names no party: " + error);
            var handles = HandleMap.Load(options.HandleMaps);
            var columns = options.ColumnMapPath is null ? ColumnMap.Default : ColumnMap.Load(options.ColumnMapPath);
            var records = options.RecordFiles.Count == 0 ? OwnRecords.Empty : OwnRecords.Load(options.RecordFiles, columns);
            var store = InboxStore.Open(options.DataDirectory);
            var nodeChannel = AquilaChannel.Create(options.Server, node);
            owned.Add(nodeChannel);
            var analystChannel = ReferenceEquals(analyst, node) ? nodeChannel : AquilaChannel.Create(options.Server, analyst);
            if (!ReferenceEquals(analystChannel, nodeChannel))
            {
                owned.Add(analystChannel);
            }

            var listed = options.Projects.Count == 0;
            if (listed)
            {
                options = options with { Projects = await PartyProjects.ListAsync(new Protocol.V1.Coordination.CoordinationClient(nodeChannel), ownParty, cancellationToken) };
                if (options.Projects.Count == 0)
                {
                    throw new ArgumentException($"Party {ownParty} is invited to no project yet; give --project.", nameof(options));
                }
            }

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = options.DataDirectory });
            builder.Logging.ClearProviders();
            // Request logs would carry the token in the URL: keep the framework's own logs to warnings.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            logging?.Invoke(builder.Logging);
            var tlsCertificate = options.Tls is { } tls ? X509Certificate2.CreateFromPemFile(tls.CertificatePath, tls.KeyPath) : null;
            if (tlsCertificate is not null)
            {
                owned.Add(tlsCertificate);
            }

            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Listen(options.Listen, listen =>
                {
                    if (tlsCertificate is not null)
                    {
                        listen.UseHttps(new HttpsConnectionAdapterOptions
                        {
                            ServerCertificate = tlsCertificate,
                            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                            // Any certificate (or none) passes the handshake; AnalystCertificateGate decides and says why in a page.
                            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                            ClientCertificateValidation = static (_, _, _) => true,
                        });
                    }
                });
            });
            var token = AccessToken.Create();
            var arrivals = new HitArrivals();
            builder.Services.AddSingleton(options).AddSingleton(store).AddSingleton(handles).AddSingleton(arrivals).AddSingleton(token)
                .AddSingleton(TimeProvider.System)
                .AddSingleton(new Protocol.V1.Matching.MatchingClient(nodeChannel))
                .AddHostedService<HitFollower>();
            if (options.Notifications.Any)
            {
                builder.Services.AddSingleton(new HitNotifier.Party(ownParty)).AddHostedService<HitNotifier>();
            }

            builder.Services.AddAntiforgery(o =>
            {
                o.Cookie.Name = "aquila_inbox_csrf";
                o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            });

            var app = builder.Build();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Aquila.Node.Inbox");
            if (listed)
            {
                InboxLog.ProjectsFound(logger, options.Projects.Count, ownParty);
            }

            var context = new InboxContext(options, store, records,
                new FeedbackSender(new Protocol.V1.Coordination.CoordinationClient(analystChannel)), arrivals, ownParty, TimeProvider.System, logger,
                app.Lifetime.ApplicationStopping);
            app.UseMiddleware<SecurityHeaders>();
            if (options.Tls is { } mutual)
            {
                var validatorOptions = new ClientCertificateValidatorOptions();
                validatorOptions.TrustedRootCertificatePaths.Add(mutual.ClientAuthorityPath);
                validatorOptions.CrlPaths.Add(mutual.CrlPath);
                var validator = new ClientCertificateValidator(validatorOptions,
                    app.Services.GetRequiredService<ILogger<ClientCertificateValidator>>());
                owned.Add(validator);
                app.UseMiddleware<AnalystCertificateGate>(validator, ownParty);
            }
            else
            {
                app.UseMiddleware<AccessGate>();
            }

            app.UseRouting();
            app.UseAntiforgery();
            InboxEndpoints.Map(app, context);
            await app.StartAsync(cancellationToken);
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new InboxHost(app, new Uri(bound.Replace("[::1]", "localhost", StringComparison.Ordinal)), token, options.Tls is not null,
                options.Projects, owned);
        }
        catch
        {
            foreach (var item in owned)
            {
                item.Dispose();
            }

            throw;
        }
    }

    /// <summary>Runs until cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(_app, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var item in _owned)
        {
            item.Dispose();
        }
    }
}
