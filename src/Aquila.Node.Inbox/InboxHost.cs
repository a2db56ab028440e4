using System.Net;
using Aquila.Security;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Input;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aquila.Node.Inbox;

/// <summary>
/// A running inbox: Kestrel on a loopback address, the hit follower, and the pages. <see cref="Url"/> carries the run's
/// token — print it for the analyst, never log it.
/// </summary>
public sealed class InboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<IDisposable> _owned;

    private InboxHost(WebApplication app, Uri address, AccessToken token, List<IDisposable> owned)
    {
        _app = app;
        _owned = owned;
        Address = address;
        Token = token;
    }

    /// <summary>The address it listens on, without the token.</summary>
    public Uri Address { get; }

    /// <summary>The address with the one-time token, to open in the browser.</summary>
    public Uri Url => new(Address, "/?" + AccessToken.QueryName + "=" + Token.Value);

    internal AccessToken Token { get; }

    /// <summary>Loads credentials, handle maps and records, opens the database, and starts listening and following.</summary>
    /// <exception cref="ArgumentException">A listen address that is not loopback (the token is only safe on loopback).</exception>
    public static async Task<InboxHost> StartAsync(InboxOptions options, Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IPAddress.IsLoopback(options.Listen.Address))
        {
            throw new ArgumentException($"The inbox listens on loopback only ({options.Listen} is not); reach it through SSH port forwarding.",
                nameof(options));
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

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = options.DataDirectory });
            builder.Logging.ClearProviders();
            // Request logs would carry the token in the URL: keep the framework's own logs to warnings.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            logging?.Invoke(builder.Logging);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.Listen));
            var token = AccessToken.Create();
            var arrivals = new HitArrivals();
            builder.Services.AddSingleton(options).AddSingleton(store).AddSingleton(handles).AddSingleton(arrivals).AddSingleton(token)
                .AddSingleton(TimeProvider.System)
                .AddSingleton(new Protocol.V1.Matching.MatchingClient(nodeChannel))
                .AddHostedService<HitFollower>();
            builder.Services.AddAntiforgery(o =>
            {
                o.Cookie.Name = "aquila_inbox_csrf";
                o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            });

            var app = builder.Build();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Aquila.Node.Inbox");
            var context = new InboxContext(options, store, records,
                new FeedbackSender(new Protocol.V1.Coordination.CoordinationClient(analystChannel)), arrivals, ownParty, TimeProvider.System, logger,
                app.Lifetime.ApplicationStopping);
            app.UseMiddleware<SecurityHeaders>();
            app.UseMiddleware<AccessGate>();
            app.UseRouting();
            app.UseAntiforgery();
            InboxEndpoints.Map(app, context);
            await app.StartAsync(cancellationToken);
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new InboxHost(app, new Uri(bound.Replace("[::1]", "localhost", StringComparison.Ordinal)), token, owned);
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
