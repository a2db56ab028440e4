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

    /// <summary>Reads the first message (the batch's declaration) and checks it.</summary>
    public static async Task<BatchStart> ReadStartAsync(IAsyncStreamReader<SubmitBatchRequest> requests, long maxBatchBytes,
        CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken) || requests.Current.PartCase != SubmitBatchRequest.PartOneofCase.Start)
        {
            throw Invalid("the first message of SubmitBatch must be a BatchStart");
        }

        var start = requests.Current.Start;
        if (start.BatchId.Length != 16 || start.Sha256.Length != 32)
        {
            throw Invalid("batch_id must be 16 bytes and sha256 32 bytes");
        }

        if (start.TotalBytes <= 0)
        {
            throw Invalid("total_bytes must be positive");
        }

        if (start.TotalBytes > maxBatchBytes)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"The batch is {start.TotalBytes} bytes; this server accepts at most {maxBatchBytes}. Split the input into several batches."));
        }

        return start;
    }

    /// <summary>Receives the chunks that follow the start and parses the batch.</summary>
    public static async Task<BatchUpload> ReceiveAsync(BatchStart start, IAsyncStreamReader<SubmitBatchRequest> requests,
        CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream((int)Math.Min(start.TotalBytes, 64L << 20));
        while (await requests.MoveNext(cancellationToken))
        {
            var part = requests.Current;
            if (part.PartCase != SubmitBatchRequest.PartOneofCase.Chunk)
            {
                throw Invalid("only chunks may follow the BatchStart");
            }

            if (buffer.Length + part.Chunk.Length > start.TotalBytes)
            {
                throw Invalid($"the chunks hold more than the declared {start.TotalBytes} bytes");
            }

            part.Chunk.Span.CopyTo(Append(buffer, part.Chunk.Length));
        }

        if (buffer.Length != start.TotalBytes)
        {
            throw Invalid($"the batch was cut short: {buffer.Length} of {start.TotalBytes} bytes arrived; resend it");
        }

        var trailer = buffer.GetBuffer().AsSpan((int)buffer.Length - BatchFormat.ChecksumLength, BatchFormat.ChecksumLength);
        if (!CryptographicOperations.FixedTimeEquals(trailer, start.Sha256.Span))
        {
            throw Invalid("the batch's checksum is not the declared sha256");
        }

        return Parse(start, buffer);
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

    private static BatchUpload Parse(BatchStart start, MemoryStream buffer)
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
            var record = new BatchRecord();
            var perCategory = new long[(int)Tokens.SubjectCategory.PersonOfInterest + 1];
            try
            {
                while (reader.TryReadRecord(record))
                {
                    perCategory[(int)record.Category]++;
                    batch.AddRecord(record.Handle);
                    for (var i = 0; i < record.TokenCount; i++)
                    {
                        batch.AddToken((byte)record.KeyIndexAt(i), record.TokenAt(i));
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

    private static Span<byte> Append(MemoryStream stream, int count)
    {
        var position = (int)stream.Length;
        stream.SetLength(position + count);
        return stream.GetBuffer().AsSpan(position, count);
    }

    private static RpcException Invalid(string problem) => new(new Status(StatusCode.InvalidArgument, "Batch refused: " + problem + "."));
}
