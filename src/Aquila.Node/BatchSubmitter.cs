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
            catch (RpcException e) when (IsTransient(e.StatusCode) && attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
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
                await call.RequestStream.WriteAsync(new SubmitBatchRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
                sent += read;
                progress?.Report((double)sent / length);
            }
        }
        catch (RpcException)
        {
            // The server refused mid-stream; its status is on the response.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        try
        {
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // As above: the call already ended; awaiting it gives the server's status.
        }

        return await call;
    }

    private static bool IsTransient(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted
        or StatusCode.Internal or StatusCode.Unknown;
}
