namespace Aquila.Coordination.Projects;

/// <summary>An analyst's verdict on a hit after follow-up.</summary>
public enum FeedbackVerdict
{
    /// <summary>Follow-up confirmed the connection.</summary>
    Confirmed,

    /// <summary>Follow-up showed the records are of different people.</summary>
    Rejected,
}
