using Aquila.Matching.Index;

namespace Aquila.Matching.Projects;

// Replacing a party's data set: withdrawing its earlier batches, their postings and hits, visibly in the hit streams.
public sealed partial class ProjectMatcher
{
    // Takes the party's postings and hits out of the detector. Returns the withdrawn hits in order of discovery (a
    // deterministic order, so replay and snapshots give the same sequences), each with both handles.
    private List<HitWithdrawal> WithdrawParty(int party)
    {
        var withdrawals = new List<HitWithdrawal>();
        foreach (ref readonly var hit in _detector.Hits)
        {
            // A held hit nobody was shown is not withdrawn either.
            if (hit.Involves(party) && !IsUnreleased(hit))
            {
                withdrawals.Add(new HitWithdrawal(
                    hit, _detector.GetHandles(hit.PartyA).GetHandle(hit.OrdinalA), _detector.GetHandles(hit.PartyB).GetHandle(hit.OrdinalB)));
            }
        }

        WithdrawStage2(party, withdrawals);
        _detector.RemoveParty(party);
        return withdrawals;
    }

    // Under the state lock: a withdrawal event in both parties' streams per hit (A's first, as for new hits), the hit
    // counts lowered, and the party's current receipts marked as replaced by the batch at lsn.
    private WithdrawnDataSet PublishWithdrawals(int party, List<HitWithdrawal> withdrawals, byte[] replacingBatchId, long lsn)
    {
        foreach (var (hit, handleA, handleB) in withdrawals)
        {
            _parties[hit.PartyA].Add(new HitEventEntry(hit.Id, handleA, hit.KeyMask, hit.PartyB, hit.Band, HitChangeKind.Withdrawn));
            _parties[hit.PartyB].Add(new HitEventEntry(hit.Id, handleB, hit.KeyMask, hit.PartyA, hit.Band, HitChangeKind.Withdrawn));
            _hitsByBand.Add(hit.Band, -1);
        }

        var replaced = new List<BatchReceipt>();
        foreach (var (key, receipt) in _receipts)
        {
            if (key.Party == party && !receipt.IsReplaced)
            {
                replaced.Add(receipt);
            }
        }

        replaced.Sort(static (x, y) => x.Lsn.CompareTo(y.Lsn));
        var batchIds = new ReadOnlyMemory<byte>[replaced.Count];
        for (var i = 0; i < replaced.Count; i++)
        {
            var receipt = replaced[i];
            batchIds[i] = receipt.BatchId;
            _receipts[ReceiptKey.Of(party, receipt.BatchId.Span)] = receipt with { ReplacedAtLsn = lsn, ReplacedBy = replacingBatchId };
        }

        var state = _parties[party];
        return new WithdrawnDataSet(batchIds, state.Records, state.Tokens, withdrawals.Count);
    }
}
