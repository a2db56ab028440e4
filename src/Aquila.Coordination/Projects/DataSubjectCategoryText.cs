namespace Aquila.Coordination.Projects;

/// <summary>The text forms of <see cref="DataSubjectCategory"/>: suspect, convicted, person_of_interest, other.</summary>
public static class DataSubjectCategoryText
{
    /// <summary>The lower-case text form.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined category.</exception>
    public static string ToText(DataSubjectCategory category) => category switch
    {
        DataSubjectCategory.Suspect => "suspect",
        DataSubjectCategory.Convicted => "convicted",
        DataSubjectCategory.PersonOfInterest => "person_of_interest",
        DataSubjectCategory.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Not a defined data-subject category."),
    };

    /// <summary>Parses the exact text form.</summary>
    public static bool TryParse(string? text, out DataSubjectCategory category)
    {
        switch (text)
        {
            case "suspect": category = DataSubjectCategory.Suspect; return true;
            case "convicted": category = DataSubjectCategory.Convicted; return true;
            case "person_of_interest": category = DataSubjectCategory.PersonOfInterest; return true;
            case "other": category = DataSubjectCategory.Other; return true;
            default: category = default; return false;
        }
    }
}
