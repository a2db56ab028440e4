namespace Aquila.Coordination.Audit;

/// <summary>The outcome of verifying an audit chain.</summary>
public sealed class AuditVerification
{
    private AuditVerification(
        AuditProblem problem, long? firstBadSequence, string message, long entriesChecked, AuditHead verifiedHead, int savedHeadsChecked)
    {
        Problem = problem;
        FirstBadSequence = firstBadSequence;
        Message = message;
        EntriesChecked = entriesChecked;
        VerifiedHead = verifiedHead;
        SavedHeadsChecked = savedHeadsChecked;
    }

    /// <summary>True when no problem was found.</summary>
    public bool IsValid => Problem == AuditProblem.None;

    /// <summary>What was wrong first, or <see cref="AuditProblem.None"/>.</summary>
    public AuditProblem Problem { get; }

    /// <summary>
    /// The first sequence number at which the chain is bad, or null when it is intact. For a missing tail this is the
    /// first missing sequence number; for a rewritten history it is the saved head that exposed it.
    /// </summary>
    public long? FirstBadSequence { get; }

    /// <summary>One sentence for an operator; it names sequence numbers and columns, never entry content.</summary>
    public string Message { get; }

    /// <summary>Entries read before the verification stopped (all of them when it is valid).</summary>
    public long EntriesChecked { get; }

    /// <summary>The last entry that verified: the chain head when valid, else the last good entry before the problem.</summary>
    public AuditHead VerifiedHead { get; }

    /// <summary>How many saved heads were compared with the chain.</summary>
    public int SavedHeadsChecked { get; }

    internal static AuditVerification Valid(AuditHead head, int savedHeadsChecked) => new(
        AuditProblem.None,
        null,
        $"The audit chain is intact: {head.Sequence} entries, head {head.Hash}"
            + (savedHeadsChecked > 0 ? $", {savedHeadsChecked} saved heads found in it." : "."),
        head.Sequence,
        head,
        savedHeadsChecked);

    internal static AuditVerification Invalid(
        AuditProblem problem, long firstBadSequence, string message, long entriesChecked, AuditHead verifiedHead, int savedHeadsChecked) =>
        new(problem, firstBadSequence, message, entriesChecked, verifiedHead, savedHeadsChecked);

    /// <inheritdoc/>
    public override string ToString() => Message;
}
