using Aquila.Protocol.V1;
using Google.Protobuf;

namespace Aquila.Node.Offline;

/// <summary>The coordinator's side of the offline exchange on the wire: import an export file, fetch a hits file.</summary>
public static class OfflineTransfer
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Sends an export file (.aqx) to the server's ImportBatch.</summary>
    public static async Task<ImportBatchReceipt> ImportAsync(Protocol.V1.Coordination.CoordinationClient client, byte[] file,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(file);
        using var call = client.ImportBatch(cancellationToken: cancellationToken);
        try
        {
            await call.RequestStream.WriteAsync(new ImportBatchRequest { TotalBytes = file.Length }, cancellationToken);
            for (var offset = 0; offset < file.Length; offset += ChunkSize)
            {
                var chunk = ByteString.CopyFrom(file, offset, Math.Min(ChunkSize, file.Length - offset));
                await call.RequestStream.WriteAsync(new ImportBatchRequest { Chunk = chunk }, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Grpc.Core.RpcException)
        {
            // The server refused mid-stream; its status is on the response.
        }

        return await call;
    }

    /// <summary>Fetches a party's hits file (.aqh) from the server's ExportHits.</summary>
    public static async Task<byte[]> ExportHitsAsync(Protocol.V1.Coordination.CoordinationClient client, ExportHitsRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var call = client.ExportHits(request, cancellationToken: cancellationToken);
        using var file = new MemoryStream();
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            call.ResponseStream.Current.Chunk.WriteTo(file);
        }

        return file.ToArray();
    }
}
