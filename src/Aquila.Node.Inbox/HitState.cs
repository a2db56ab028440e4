namespace Aquila.Node.Inbox;

/// <summary>Where a hit is in the analyst's workflow; the text forms are what the database and the pages use.</summary>
public static class HitState
{
    public const string New = "new";
    public const string InReview = "in_review";
    public const string Confirmed = "confirmed";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";

    public static IReadOnlyList<string> All { get; } = [New, InReview, Confirmed, Rejected, Withdrawn];

    /// <summary>States an analyst may choose.</summary>
    public static IReadOnlyList<string> Choosable { get; } = [InReview, Confirmed, Rejected];

    public static bool IsVerdict(string state) => state is Confirmed or Rejected;

    public static string Display(string state) => state switch
    {
        InReview => "in review",
        _ => state,
    };
}
