using System.Globalization;
using Aquila.Coordination.Projects;
using Aquila.Tokens;
using Grpc.Core;

namespace Aquila.Server.Application;

/// <summary>
/// A coordinated project takes records only of the data-subject categories it allows (issue 17: a project allowing
/// suspects and persons of interest accepted convicted and other records). Every record in a batch carries its
/// category, so the server checks them itself rather than trusting the node's own check.
/// </summary>
internal static class BatchCategories
{
    /// <summary>Refuses (FailedPrecondition) a batch holding a record of a category the project does not allow.</summary>
    /// <param name="lifecycle">The coordinated project; null for a configuration-declared dry run (any category).</param>
    /// <param name="recordsPerCategory">Records per category, indexed by <see cref="SubjectCategory"/> value.</param>
    public static void Check(MatchingProject? lifecycle, IReadOnlyList<long> recordsPerCategory)
    {
        if (lifecycle is null)
        {
            return;
        }

        List<string>? refused = null;
        for (var i = 0; i < recordsPerCategory.Count; i++)
        {
            var count = recordsPerCategory[i];
            if (count == 0)
            {
                continue;
            }

            var name = SubjectCategories.Name((SubjectCategory)i);
            if (!DataSubjectCategoryText.TryParse(name, out var category) || !lifecycle.AllowedCategories.Contains(category))
            {
                (refused ??= []).Add(count.ToString(CultureInfo.InvariantCulture) + " of category " + name);
            }
        }

        if (refused is null)
        {
            return;
        }

        var allowed = string.Join(",", lifecycle.AllowedCategories.Select(DataSubjectCategoryText.ToText).Order(StringComparer.Ordinal));
        throw new RpcException(new Status(StatusCode.FailedPrecondition,
            $"Batch refused: it holds records that project '{lifecycle.Id}' does not allow ({string.Join(", ", refused)}); the project "
            + $"allows {allowed}. Tokenise again with --categories {allowed}, which leaves the others out."));
    }
}
