using System.Net;

namespace Aquila.Node.Inbox;

/// <summary>What the inbox follows, where it keeps its database and where it listens.</summary>
public sealed record InboxOptions
{
    /// <summary>The Aquila server.</summary>
    public required Uri Server { get; init; }

    /// <summary>The node's certificate directory (reads hits).</summary>
    public required string CertificateDirectory { get; init; }

    /// <summary>An analyst's certificate directory for feedback; the node's certificate when null.</summary>
    public string? AnalystCertificateDirectory { get; init; }

    /// <summary>The projects to follow; empty: every project the node's party is invited to (asked of the server at start).</summary>
    public IReadOnlyList<string> Projects { get; init; } = [];

    /// <summary>Handle maps (<c>*.handles.csv</c>) that resolve hits to the party's own record ids.</summary>
    public IReadOnlyList<string> HandleMaps { get; init; } = [];

    /// <summary>The party's own exports, read locally to show the analyst's record beside a hit.</summary>
    public IReadOnlyList<string> RecordFiles { get; init; } = [];

    /// <summary>The column map of <see cref="RecordFiles"/> (JSON); the canonical headers when null.</summary>
    public string? ColumnMapPath { get; init; }

    /// <summary>The address to listen on (port 0: any free port); loopback unless <see cref="Tls"/> is set.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>Where the inbox database lives.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Wait before following a project again after the server refused or dropped the stream.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Mutual TLS with analyst certificates instead of the loopback token; null: loopback and token.</summary>
    public InboxTlsOptions? Tls { get; init; }

    /// <summary>Webhook and e-mail notifications of new hits; none by default.</summary>
    public InboxNotificationOptions Notifications { get; init; } = new();

    /// <summary>Hits per page of the list.</summary>
    public int PageSize { get; init; } = 50;
}
