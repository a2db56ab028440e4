using System.Buffers;
using Aquila.Protocol.V1;
using Aquila.Tokens.Batches;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Node;

/// <summary>
/// Sends a batch file to the matcher: checks it locally, streams it in chunks, and on a transient failure resends it
/// with the same batch id (the server accepts a batch once and answers a resend with the same receipt).
/// </summary>
public sealed class BatchSubmitter(Protocol.V1.Matching.MatchingClient client)
{
    private const int ChunkSize = 1 << 20;

    /// <summary>How many times a batch is sent at most.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>
    /// True: the batch replaces the party's data set in the project (its earlier batches and their hits are withdrawn).
    /// A retry sends the same batch id with the same flag, so it is applied once.
    /// </summary>
    public bool Replace { get; init; }

    /// <summary>Wait before the first retry; doubles each time.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Submits <paramref name="batchPath"/>; <paramref name="progress"/> gets the fraction sent of the current attempt.</summary>
    public async Task<BatchReceipt> SubmitAsync(string batchPath, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        BatchHeader header;
        using (var reader = BatchFileReader.Open(batchPath))
        {
            header = reader.Header;
        }

        var length = new FileInfo(batchPath).Length;
        var checksum = new byte[BatchFormat.ChecksumLength];
        await using (var file = File.OpenRead(batchPath))
        {
            file.Position = length - checksum.Length;
            await file.ReadExactlyAsync(checksum, cancellationToken);
        }

        var start = new BatchStart
        {
            ProjectId = header.ProjectId,
            BatchId = ByteString.CopyFrom(header.BatchId.Span),
            TotalBytes = length,
            Sha256 = ByteString.CopyFrom(checksum),
            Replace = Replace,
        };

        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(batchPath, start, length, progress, cancellationToken);
            }
            catch (Exception e) when (TransportFailure.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= MaxAttempts)
                {
                    throw TransportFailure.AsUnavailable(e, attempt);
                }

                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
        }
    }

    private async Task<BatchReceipt> SendOnceAsync(string batchPath, BatchStart start, long length, IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        using var call = client.SubmitBatch(cancellationToken: cancellationToken);
        await call.RequestStream.WriteAsync(new SubmitBatchRequest { Start = start }, cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await using var file = File.OpenRead(batchPath);
            long sent = 0;
            int read;
            while ((read = await file.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                var chunk = new SubmitBatchRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) };
                if (!await WriteUnlessEndedAsync(call.RequestStream.WriteAsync(chunk, cancellationToken), cancellationToken))
                {
                    break;
                }

                sent += read;
                progress?.Report((double)sent / length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await WriteUnlessEndedAsync(call.RequestStream.CompleteAsync(), cancellationToken);
        return await call;
    }

    // False when the call ended under the write: the server refused (its status is on the response) or the connection
    // dropped (the HTTP/2 stream throws IOException or HttpRequestException, or gRPC says the call is complete). Awaiting
    // the call then gives the status, or throws the transport failure, which SubmitAsync retries.
    private static async Task<bool> WriteUnlessEndedAsync(Task write, CancellationToken cancellationToken)
    {
        try
        {
            await write;
            return true;
        }
        catch (Exception e) when (e is RpcException or IOException or HttpRequestException or InvalidOperationException
            && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
