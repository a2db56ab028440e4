using System.CommandLine;

namespace Aquila.Cli.Commands;

/// <summary>
/// The options an auditor gives to check a querying node's signatures kept in the audit chain (<c>audit verify-query</c>,
/// <c>audit verify-bulk</c>): the server's audit database, the node's certificate, the CA, and JSON output.
/// </summary>
internal sealed class QuerySignerOptions
{
    public Option<FileInfo> Database { get; } = new("--db") { Description = "The server's audit database (<data dir>/audit.db).", Required = true };

    public Option<FileInfo> Signer { get; } = new("--signer")
    {
        Description = "The querying node's certificate (PEM; the CA operator's issued certificates hold it).", Required = true,
    };

    public Option<FileInfo> Authority { get; } = new("--ca") { Description = "The Aquila CA certificate (ca.crt.pem).", Required = true };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the result as JSON." };
}
