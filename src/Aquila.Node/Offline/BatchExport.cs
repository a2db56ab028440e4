using System.Security.Cryptography.X509Certificates;
using Aquila.Security;
using Aquila.Security.Offline;
using Aquila.Tokens.Batches;

namespace Aquila.Node.Offline;

/// <summary>
/// Seals a token batch (.aqb) into an export file (.aqx) for a party without a live link: encrypted to the Aquila
/// server's certificate, signed with the node's certificate key (docs/offline-exchange.md). The coordinator who
/// carries it learns its size, project, party and batch id — nothing of its content.
/// </summary>
public static class BatchExport
{
    /// <summary>The export file's bytes for <paramref name="batchPath"/>.</summary>
    /// <param name="batchPath">A batch file of the node's own party.</param>
    /// <param name="identity">The node's credentials (its key signs the file).</param>
    /// <param name="serverCertificate">The Aquila server's certificate, as the operator distributes it.</param>
    /// <param name="time">The clock the file's creation time is read from (the system clock when null).</param>
    /// <exception cref="BatchFormatException">The batch file is damaged or not a batch file.</exception>
    /// <exception cref="InvalidOperationException">The batch is another party's, or the server certificate is not the CA's server certificate.</exception>
    public static byte[] Seal(string batchPath, NodeIdentity identity, X509Certificate2 serverCertificate, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(serverCertificate);
        BatchHeader header;
        using (var reader = BatchFileReader.Open(batchPath))
        {
            header = reader.Header;
        }

        var party = OwnParty(identity);
        if (header.Party != party)
        {
            throw new InvalidOperationException(
                $"The batch was made for party {header.Party}, but this node's certificate is party {party}; a node exports only its own party's batches.");
        }

        var check = ServerCertificateCheck.Validate(serverCertificate, AuthorityPath(identity));
        if (!check.IsSuccess)
        {
            throw new InvalidOperationException("The server certificate to encrypt to is not accepted: " + check.Message);
        }

        var content = File.ReadAllBytes(batchPath);
        var sealedHeader = new SealedFileHeader(SealedFileKind.TokenBatch, header.ProjectId, party, header.BatchId, (time ?? TimeProvider.System).GetUtcNow(),
            content.Length);
        return SealedFileWriter.Seal(sealedHeader, content, serverCertificate, identity.Certificate, [identity.Authority]);
    }

    internal static string OwnParty(NodeIdentity identity) =>
        PartyIdentity.TryFromCertificate(identity.Certificate, out var own, out var error)
            ? own.Party
            : throw new InvalidOperationException("This node's certificate carries no Aquila party: " + error);

    internal static string AuthorityPath(NodeIdentity identity) => identity.AuthorityPath
        ?? throw new InvalidOperationException("Offline files need the CA certificate's file: load the node's credentials with NodeIdentity.Load.");
}
