using Grpc.Core;

namespace Aquila.Node.Lists;

/// <summary>What a bulk check gave: a row per input row, in input order, and the server's refusal if the call ended early.</summary>
/// <param name="Rows">One per input row.</param>
/// <param name="Failure">The refusal or transport failure that ended the call early; null when every person was answered.</param>
public sealed record BulkCheckReport(IReadOnlyList<BulkCheckRow> Rows, RpcException? Failure)
{
    /// <summary>Persons the list was asked about (hit or no-hit).</summary>
    public int Answered => Count(BulkCheckOutcome.Hit) + Count(BulkCheckOutcome.NoHit);

    /// <summary>Rows with the given outcome.</summary>
    public int Count(BulkCheckOutcome outcome)
    {
        var count = 0;
        foreach (var row in Rows)
        {
            count += row.Outcome == outcome ? 1 : 0;
        }

        return count;
    }
}
