using Aquila.Protocol.V1;
using Grpc.Core;

namespace Aquila.Server.Offline;

/// <summary>Receives a sealed file streamed as its size followed by chunks, with the size checked against the limit.</summary>
internal static class OfflineUpload
{
    /// <summary>Chunk size of offline files on the wire.</summary>
    public const int ChunkSize = 1 << 20;

    // Room for the sealed file's header, tag, certificates and signature around the batch.
    private const int Envelope = 64 * 1024;

    /// <summary>The whole file.</summary>
    public static async Task<byte[]> ReceiveAsync(IAsyncStreamReader<ImportBatchRequest> requests, long maxBatchBytes,
        CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken) || requests.Current.PartCase != ImportBatchRequest.PartOneofCase.TotalBytes
            || requests.Current.TotalBytes <= 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The first message of ImportBatch must give the file's size (total_bytes > 0)."));
        }

        var total = requests.Current.TotalBytes;
        if (total > maxBatchBytes + Envelope)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"The file is {total} bytes; this server accepts batches of at most {maxBatchBytes}. The party must split its data set into several batches."));
        }

        var file = new byte[total];
        var received = 0;
        while (await requests.MoveNext(cancellationToken))
        {
            var part = requests.Current;
            if (part.PartCase != ImportBatchRequest.PartOneofCase.Chunk || part.Chunk.Length > total - received)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Only chunks of at most the declared {total} bytes may follow the size."));
            }

            part.Chunk.Span.CopyTo(file.AsSpan(received));
            received += part.Chunk.Length;
        }

        if (received != total)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"The file was cut short: {received} of {total} bytes arrived; send it again."));
        }

        return file;
    }
}
