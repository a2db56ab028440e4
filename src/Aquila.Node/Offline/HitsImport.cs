using Aquila.Protocol.V1;
using Aquila.Security.Offline;
using Google.Protobuf;

namespace Aquila.Node.Offline;

/// <summary>
/// Opens a hits file (.aqh) the coordinator brought: signed by the Aquila server (its certificate checked against the
/// node's CA and required to be a server certificate), addressed to this node's party and encrypted to its key.
/// </summary>
public static class HitsImport
{
    /// <summary>Largest hit content accepted (about a million hit events).</summary>
    public const long MaxContentBytes = 256L << 20;

    /// <summary>The hit events in the file, checked.</summary>
    /// <param name="fileBytes">The .aqh file.</param>
    /// <param name="identity">The node's credentials (its key opens the file).</param>
    /// <param name="projectId">The project the node expects, or null to take the file's.</param>
    /// <exception cref="SealedFileException">The file is damaged, altered, forged, or for another key.</exception>
    /// <exception cref="InvalidOperationException">The signer is not the server, or the file is for another party or project.</exception>
    public static OfflineHits Open(byte[] fileBytes, NodeIdentity identity, string? projectId)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var file = SealedFile.Read(fileBytes, SealedFileKind.Hits, MaxContentBytes);
        using (var signer = file.LoadSigner())
        {
            var check = ServerCertificateCheck.Validate(signer, BatchExport.AuthorityPath(identity));
            if (!check.IsSuccess)
            {
                throw new InvalidOperationException("The hits file is not signed by the Aquila server: " + check.Message);
            }
        }

        var party = BatchExport.OwnParty(identity);
        if (file.Header.Party != party)
        {
            throw new InvalidOperationException($"The hits file is for party {file.Header.Party}; this node is party {party}.");
        }

        if (projectId is not null && file.Header.ProjectId != projectId)
        {
            throw new InvalidOperationException($"The hits file is for project '{file.Header.ProjectId}', not '{projectId}'.");
        }

        OfflineHits hits;
        try
        {
            hits = OfflineHits.Parser.ParseFrom(file.Open(identity.Certificate));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidOperationException("The hits file's content cannot be read: " + e.Message, e);
        }

        // The server signed the header and the content; they must agree.
        if (hits.Party != file.Header.Party || hits.ProjectId != file.Header.ProjectId)
        {
            throw new InvalidOperationException("The hits file's content does not match its header.");
        }

        return hits;
    }
}
