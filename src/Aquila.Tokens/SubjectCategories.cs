namespace Aquila.Tokens;

/// <summary>Parses and names <see cref="SubjectCategory"/> values as they appear in CSV files and reports.</summary>
public static class SubjectCategories
{
    /// <summary>The accepted spellings, for error messages.</summary>
    public const string Accepted = "suspect, convicted, person_of_interest or other (blank means other)";

    /// <summary>Parses a subject_category cell: blank means other; case, spaces and hyphens do not matter.</summary>
    public static bool TryParse(string? text, out SubjectCategory category)
    {
        category = SubjectCategory.Other;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        Span<char> folded = stackalloc char[24];
        var length = 0;
        foreach (var c in text.AsSpan().Trim())
        {
            if (length == folded.Length)
            {
                return false;
            }

            folded[length++] = c is ' ' or '-' ? '_' : char.ToLowerInvariant(c);
        }

        switch (folded[..length])
        {
            case "suspect":
                category = SubjectCategory.Suspect;
                return true;
            case "convicted":
                category = SubjectCategory.Convicted;
                return true;
            case "person_of_interest" or "poi":
                category = SubjectCategory.PersonOfInterest;
                return true;
            case "other":
                return true;
            default:
                return false;
        }
    }

    /// <summary>The snake_case name of a category.</summary>
    public static string Name(SubjectCategory category) => category switch
    {
        SubjectCategory.Suspect => "suspect",
        SubjectCategory.Convicted => "convicted",
        SubjectCategory.PersonOfInterest => "person_of_interest",
        _ => "other",
    };
}
