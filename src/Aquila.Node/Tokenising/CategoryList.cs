using Aquila.Tokens;

namespace Aquila.Node.Tokenising;

/// <summary>Reads a project's allowed data-subject categories as an operator types them: <c>suspect,person_of_interest</c>.</summary>
public static class CategoryList
{
    /// <summary>
    /// The categories of <paramref name="list"/> (comma-separated); false when an item is empty or not a category
    /// (<see cref="SubjectCategories.Accepted"/> lists the names), or when there is none.
    /// </summary>
    public static bool TryParse(string list, out IReadOnlySet<SubjectCategory>? categories)
    {
        ArgumentNullException.ThrowIfNull(list);
        var parsed = new HashSet<SubjectCategory>();
        categories = parsed;
        foreach (var item in list.Split(','))
        {
            if (string.IsNullOrWhiteSpace(item) || !SubjectCategories.TryParse(item, out var category))
            {
                return false;
            }

            parsed.Add(category);
        }

        return parsed.Count > 0;
    }
}
