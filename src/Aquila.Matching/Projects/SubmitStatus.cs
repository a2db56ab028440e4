namespace Aquila.Matching.Projects;

/// <summary>What became of a submitted batch.</summary>
public enum SubmitStatus
{
    /// <summary>The batch is durable and its hits are computed.</summary>
    Accepted,

    /// <summary>A batch with this id and the same content was accepted before: the original receipt, nothing added.</summary>
    AlreadyAccepted,

    /// <summary>A batch with this id but other content was accepted before: refused, nothing changed.</summary>
    Conflict,

    /// <summary>The batch cannot be accepted as it is (unknown party, bad key index, empty, too large …).</summary>
    Refused,

    /// <summary>
    /// A batch with this id was accepted once but belongs to a data set its party has since replaced: refused, nothing
    /// changed. The same content needs a new batch id (tokenise again).
    /// </summary>
    Replaced,
}
