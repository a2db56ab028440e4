using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Aquila.Node.Inbox;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>--tls-cert F --tls-key F --client-ca F --crl F</c> of <c>node inbox</c>: mutual TLS for analyst certificates, all four
/// or none.
/// </summary>
internal sealed class NodeInboxAccessOptions
{
    private readonly Option<FileInfo?> _certificate = new("--tls-cert")
    {
        Description = "The inbox's TLS certificate (PEM, from aquila ca server-cert): analysts then sign in with their analyst certificates.",
    };

    private readonly Option<FileInfo?> _key = new("--tls-key") { Description = "The private key of --tls-cert (PEM)." };

    private readonly Option<FileInfo?> _authority = new("--client-ca") { Description = "The Aquila CA certificate (ca.crt.pem) analysts' certificates chain to." };

    private readonly Option<FileInfo?> _crl = new("--crl") { Description = "The CA's current CRL (crl.pem): revoked analyst certificates are refused." };

    public static NodeInboxAccessOptions Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(_certificate);
        command.Options.Add(_key);
        command.Options.Add(_authority);
        command.Options.Add(_crl);
    }

    public bool TryRead(ParseResult parse, out InboxTlsOptions? tls, [NotNullWhen(false)] out string? error)
    {
        var files = new[] { parse.GetValue(_certificate), parse.GetValue(_key), parse.GetValue(_authority), parse.GetValue(_crl) };
        tls = null;
        error = null;
        if (files.All(f => f is null))
        {
            return true;
        }

        if (files.Any(f => f is null))
        {
            error = "Mutual TLS needs all of --tls-cert, --tls-key, --client-ca and --crl.";
            return false;
        }

        if (files.FirstOrDefault(f => !f!.Exists) is { } missing)
        {
            error = $"'{missing.FullName}' does not exist.";
            return false;
        }

        tls = new InboxTlsOptions(files[0]!.FullName, files[1]!.FullName, files[2]!.FullName, files[3]!.FullName);
        return true;
    }
}
