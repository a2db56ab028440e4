using System.Security.Cryptography;
using Aquila.Matching.Index;
using Aquila.Protocol.V1;
using Aquila.Tokens.Batches;
using Grpc.Core;

namespace Aquila.Server.Services;

/// <summary>
/// Receives a batch file streamed as chunks, checks its size, checksum and header against the call, and turns it
/// into a <see cref="TokenBatch"/>. Every refusal is an <see cref="RpcException"/> with a message a node operator can
/// act on, and nothing has been applied when it is thrown.
/// </summary>
internal sealed class BatchUpload
{
    // Magic (4), format version (2), header length (4) and the trailing checksum: the smallest batch file.
    private const int SmallestBatch = 4 + 2 + 4 + BatchFormat.ChecksumLength;

    private BatchUpload(BatchStart start, BatchHeader header, TokenBatch batch, long[] recordsPerCategory)
    {
        Start = start;
        Header = header;
        Batch = batch;
        RecordsPerCategory = recordsPerCategory;
    }

    public BatchStart Start { get; }

    public BatchHeader Header { get; }

    public TokenBatch Batch { get; }

    public string BatchIdHex => Header.BatchIdHex;

    /// <summary>Records per data-subject category, indexed by the <see cref="Tokens.SubjectCategory"/> value each record carries.</summary>
    public IReadOnlyList<long> RecordsPerCategory { get; }

    /// <summary>Reads the first message (the batch's declaration); <see cref="CheckStart"/> checks it.</summary>
    public static async Task<BatchStart> ReadStartAsync(IAsyncStreamReader<SubmitBatchRequest> requests, CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken) || requests.Current.PartCase != SubmitBatchRequest.PartOneofCase.Start)
        {
            throw Invalid("the first message of SubmitBatch must be a BatchStart");
        }

        return requests.Current.Start;
    }

    /// <summary>Checks a batch's declaration: ids, size (at least an empty batch file, at most <paramref name="maxBatchBytes"/>).</summary>
    public static void CheckStart(BatchStart start, long maxBatchBytes)
    {
        if (start.BatchId.Length != 16 || start.Sha256.Length != 32)
        {
            throw Invalid("batch_id must be 16 bytes and sha256 32 bytes");
        }

        if (start.TotalBytes < SmallestBatch)
        {
            // Smaller than an empty batch file: without this check a size of 1-31 bytes crashed the handler (issue 17).
            throw Invalid($"total_bytes must be at least {SmallestBatch}, the size of the smallest batch file");
        }

        if (start.TotalBytes > maxBatchBytes)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"The batch is {start.TotalBytes} bytes; this server accepts at most {maxBatchBytes}. Split the input into several batches."));
        }
    }

    /// <summary>
    /// Receives the chunks that follow the start into <paramref name="spool"/> (a file, so an upload costs no memory
    /// while it arrives) and parses the batch. <paramref name="idle"/> cancels an upload that sends nothing for that
    /// long; the caller disposes the spool whatever happens.
    /// </summary>
    public static async Task<BatchUpload> ReceiveAsync(BatchStart start, IAsyncStreamReader<SubmitBatchRequest> requests,
        FileStream spool, CancellationTokenSource idle, TimeSpan idleTimeout)
    {
        while (true)
        {
            idle.CancelAfter(idleTimeout);
            if (!await requests.MoveNext(idle.Token))
            {
                break;
            }

            var part = requests.Current;
            if (part.PartCase != SubmitBatchRequest.PartOneofCase.Chunk)
            {
                throw Invalid("only chunks may follow the BatchStart");
            }

            if (spool.Length + part.Chunk.Length > start.TotalBytes)
            {
                throw Invalid($"the chunks hold more than the declared {start.TotalBytes} bytes");
            }

            try
            {
                await spool.WriteAsync(part.Chunk.Memory, idle.Token);
            }
            catch (IOException e)
            {
                // Told apart from the reader's IOException, which means the caller went away.
                throw new UploadStorageException(e);
            }
        }

        if (spool.Length != start.TotalBytes)
        {
            throw Invalid($"the batch was cut short: {spool.Length} of {start.TotalBytes} bytes arrived; resend it");
        }

        Span<byte> trailer = stackalloc byte[BatchFormat.ChecksumLength];
        spool.Position = spool.Length - BatchFormat.ChecksumLength;
        spool.ReadExactly(trailer);
        if (!CryptographicOperations.FixedTimeEquals(trailer, start.Sha256.Span))
        {
            throw Invalid("the batch's checksum is not the declared sha256");
        }

        // The reader takes small reads per record: buffered, as the MemoryStream it replaces was in effect.
        return Parse(start, new BufferedStream(spool, 1 << 16));
    }

    /// <summary>
    /// Parses a whole batch file that arrived another way (the coordinator's offline import): its declaration is
    /// taken from the file itself.
    /// </summary>
    public static BatchUpload FromFile(byte[] file)
    {
        BatchHeader header;
        try
        {
            using var reader = BatchFileReader.Open(new MemoryStream(file, writable: false), "the imported batch");
            header = reader.Header;
        }
        catch (BatchFormatException e)
        {
            throw Invalid(e.Message);
        }

        var start = new BatchStart
        {
            ProjectId = header.ProjectId,
            BatchId = Google.Protobuf.ByteString.CopyFrom(header.BatchId.Span),
            TotalBytes = file.Length,
            Sha256 = Google.Protobuf.ByteString.CopyFrom(file.AsSpan(file.Length - BatchFormat.ChecksumLength)),
        };
        return Parse(start, new MemoryStream(file, writable: false));
    }

    private static BatchUpload Parse(BatchStart start, Stream buffer)
    {
        BatchFileReader reader;
        try
        {
            reader = BatchFileReader.Open(buffer, "batch " + Convert.ToHexStringLower(start.BatchId.Span));
        }
        catch (BatchFormatException e)
        {
            throw Invalid(e.Message);
        }

        using (reader)
        {
            var header = reader.Header;
            if (!header.BatchId.Span.SequenceEqual(start.BatchId.Span))
            {
                throw Invalid("the batch file's id is not the declared batch_id");
            }

            var batch = new TokenBatch((int)Math.Min(header.RecordCount, int.MaxValue), (int)Math.Min(header.TokenCount, int.MaxValue));
            var perCategory = new long[(int)Tokens.SubjectCategory.PersonOfInterest + 1];
            var record = new BatchRecord();
            if (header.Stage2 is { } stage2)
            {
                batch.CarryStage2(stage2.VectorLength);
            }

            try
            {
                while (reader.TryReadRecord(record))
                {
                    batch.AddRecord(record.Handle);
                    perCategory[(int)record.Category]++;
                    for (var i = 0; i < record.TokenCount; i++)
                    {
                        batch.AddToken((byte)record.KeyIndexAt(i), record.TokenAt(i));
                    }

                    for (var i = 0; i < record.BlockCount; i++)
                    {
                        batch.AddBlock((byte)record.BlockIndexAt(i), record.BlockTokenAt(i), record.VectorAt(i));
                    }
                }
            }
            catch (BatchFormatException e)
            {
                throw Invalid(e.Message);
            }

            return new BatchUpload(start, header, batch, perCategory);
        }
    }

    private static RpcException Invalid(string problem) => new(new Status(StatusCode.InvalidArgument, "Batch refused: " + problem + "."));
}
