using Aquila.Node.Offline;
using Aquila.Tokens.Batches;

namespace Aquila.Node.Hits;

/// <summary>
/// <c>aquila node import-hits</c>: opens a hits file (.aqh) the coordinator brought, takes the events after the
/// node's saved cursor (or after a given sequence), resolves them to the party's record ids, then saves the cursor and
/// the audit head the file carries in the node's certificate directory.
/// </summary>
public sealed class OfflineHitImport(NodeIdentity identity, string certificateDirectory, HandleMap handles)
{
    /// <summary>Imports <paramref name="fileBytes"/>.</summary>
    /// <param name="fileBytes">The .aqh file.</param>
    /// <param name="projectId">The project the node expects, or null to take the file's.</param>
    /// <param name="afterSequence">Take events after this sequence; null: after the saved cursor.</param>
    /// <exception cref="Security.Offline.SealedFileException">The file is damaged, altered, forged, or for another key.</exception>
    /// <exception cref="InvalidOperationException">The signer is not the server, or the file is for another party or project.</exception>
    public ImportedHits Import(byte[] fileBytes, string? projectId, long? afterSequence)
    {
        var file = HitsImport.Open(fileBytes, identity, projectId);
        var cursor = new HitCursorFile(certificateDirectory, file.ProjectId);
        var from = afterSequence ?? cursor.Read();
        var hits = new List<NodeHit>();
        var last = from;
        foreach (var hit in file.Events)
        {
            if (hit.Sequence > from)
            {
                hits.Add(HitEvents.Resolve(hit, handles));
                last = Math.Max(last, hit.Sequence);
            }
        }

        cursor.Write(last);
        if (file.AuditHead is { } head)
        {
            AuditHeadStore.InCertificateDirectory(certificateDirectory).Append(head.Sequence, head.Hash.Span,
                "hits of " + file.ProjectId);
        }

        return new ImportedHits(file.ProjectId, hits, file.Events.Count, last, cursor.Path);
    }
}
