using Aquila.Protocol.V1;

namespace Aquila.Node.Submitting;

/// <summary>
/// <c>aquila node submit</c>: sends a batch file to the matcher (retried with the same batch id, so never twice) and
/// keeps the audit head of its receipt in the node's heads file.
/// </summary>
public sealed class BatchSubmission(Protocol.V1.Matching.MatchingClient client, AuditHeadStore heads)
{
    /// <summary>How many times a batch is sent at most.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>True: the batch replaces the party's data set in the project.</summary>
    public bool Replace { get; init; }

    /// <summary>Submits <paramref name="batchPath"/>; <paramref name="progress"/> gets the fraction sent of the current attempt.</summary>
    /// <exception cref="Tokens.Batches.BatchFormatException">The batch file is damaged.</exception>
    /// <exception cref="Grpc.Core.RpcException">The matcher refused, or could not be reached.</exception>
    public async Task<SubmittedBatch> SubmitAsync(string batchPath, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var receipt = await new BatchSubmitter(client) { MaxAttempts = MaxAttempts, Replace = Replace }
            .SubmitAsync(batchPath, progress, cancellationToken);
        var batchId = Convert.ToHexStringLower(receipt.BatchId.Span);
        heads.Append(receipt.AuditHead.Sequence, receipt.AuditHead.Hash.Span, batchId);
        return ToSubmittedBatch(receipt, batchId);
    }

    private SubmittedBatch ToSubmittedBatch(BatchReceipt receipt, string batchId) => new()
    {
        ProjectId = receipt.ProjectId,
        Party = receipt.Party,
        BatchId = batchId,
        Records = receipt.Records,
        Tokens = receipt.Tokens,
        AcceptedAt = DateTimeOffset.FromUnixTimeMilliseconds(receipt.AcceptedAtUnixMs),
        AlreadyAccepted = receipt.AlreadyAccepted,
        ReplacedEarlier = receipt.ReplacedEarlier,
        AuditSequence = receipt.AuditHead.Sequence,
        AuditHash = Convert.ToHexStringLower(receipt.AuditHead.Hash.Span),
        AuditHeadsPath = heads.Path,
    };
}
