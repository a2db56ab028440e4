namespace Aquila.Node.Lists;

/// <summary>The answer to one person asked of a list.</summary>
public enum QueryOutcome
{
    /// <summary>The list holds a matching entry: contact the contributor.</summary>
    Hit,

    /// <summary>No entry matches.</summary>
    NoHit,

    /// <summary>The person could not be tokenised (too few fields); nothing was asked.</summary>
    Rejected,
}
