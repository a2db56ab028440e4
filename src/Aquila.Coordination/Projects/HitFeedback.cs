namespace Aquila.Coordination.Projects;

/// <summary>One party's verdict on one hit (the latest one given).</summary>
/// <param name="HitId">The hit id: 32 lower-case hex digits (16 bytes).</param>
/// <param name="Party">The party whose analyst or node gave the verdict.</param>
/// <param name="Verdict">Confirmed or rejected.</param>
/// <param name="FollowUpReference">
/// An opaque reference to the follow-up exchange (e.g. a SIENA message id; 1–64 of ASCII letters, digits, '.', '_', ':',
/// '/', '-'), never data; dropped when the project is purged.
/// </param>
/// <param name="RecordedAt">When the verdict was recorded.</param>
public sealed record HitFeedback(string HitId, string Party, FeedbackVerdict Verdict, string? FollowUpReference, DateTimeOffset RecordedAt)
{
    /// <summary>Longest follow-up reference.</summary>
    public const int MaxFollowUpReferenceLength = 64;

    /// <summary>True for 32 lower-case hex digits.</summary>
    public static bool IsValidHitId(string? hitId)
    {
        if (hitId is null || hitId.Length != 32)
        {
            return false;
        }

        foreach (var c in hitId)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for 1–64 of ASCII letters, digits, '.', '_', ':', '/', '-'.</summary>
    public static bool IsValidFollowUpReference(string? reference)
    {
        if (string.IsNullOrEmpty(reference) || reference.Length > MaxFollowUpReferenceLength)
        {
            return false;
        }

        foreach (var c in reference)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or ':' or '/' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
