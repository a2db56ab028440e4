using Aquila.Tokens.Batches;
using Aquila.Tokens.Input;

namespace Aquila.Tokens.Pipeline;

/// <summary>What a tokenise run did: counts only, never a value from a record.</summary>
public sealed record TokenizeSummary(
    long RecordsRead,
    long RecordsTokenized,
    long RecordsRejected,
    long Tokens,
    IReadOnlyList<long> TokensPerKey,
    BatchHeader? Header,
    RecordError? StrictStop)
{
    /// <summary>Of the rejected records, those left out because the project does not allow their category.</summary>
    public long RecordsOfOtherCategories { get; init; }

    /// <summary>
    /// Of the tokenised records, those that built no match key but went in with stage-2 blocks only (issue 16); the
    /// reject file lists each as a note.
    /// </summary>
    public long RecordsStage2Only { get; init; }

    /// <summary>
    /// Of the tokenised records, those whose date of birth did not parse and went in without it (schemas with stage 2
    /// only); the reject file lists each as a note.
    /// </summary>
    public long RecordsDateIgnored { get; init; }

    /// <summary>True when --strict stopped the run at a bad record and nothing was written.</summary>
    public bool StoppedByStrict => StrictStop is not null;
}
