using Aquila.Coordination.Projects;

namespace Aquila.Server.Tests.Lists;

/// <summary>The list project document: its JSON spelling and the checks a list policy adds.</summary>
public class ListProjectDocumentTests
{
    private static MatchingProject Project(ListPolicy policy) =>
        ListScenario.Project("ftf-doc", ["RS", "BA"], ["RS", "BA", "AL"], 1000, ListAccess.Reciprocity) with { List = policy };

    [Fact]
    public void A_list_project_is_written_with_kind_list_and_its_access_in_lower_case()
    {
        var json = ProjectDocument.Write(Project(new ListPolicy { Contributors = ["RS", "BA"], Access = ListAccess.Explicit, Queriers = ["AL"] }));

        Assert.Contains("\"kind\":\"list\"", json, StringComparison.Ordinal);
        Assert.Contains("\"access\":\"explicit\"", json, StringComparison.Ordinal);
        Assert.Equal(ProjectKind.List, ProjectDocument.Parse(json).Kind);
    }

    [Fact]
    public void The_sample_list_project_reads_as_a_reciprocal_list_of_three_contributors()
    {
        var project = ProjectDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("samples/list-project.json")));

        Assert.Equal(ProjectKind.List, project.Kind);
        Assert.Equal(ListAccess.Reciprocity, project.List!.Access);
        Assert.Equal(["RS", "BA", "ME"], project.List.Contributors);
        Assert.False(project.List.MayQuery("AL"));
    }

    [Fact]
    public void A_contributor_that_is_not_invited_is_a_problem()
    {
        var problems = ProjectValidator.Problems(Project(new ListPolicy { Contributors = ["RS", "MK"] }));

        Assert.Contains(problems, p => p.Contains("contributor MK is not an invited party", StringComparison.Ordinal));
    }

    [Fact]
    public void A_list_without_a_policy_or_with_explicit_access_and_no_querier_is_a_problem()
    {
        var noPolicy = ProjectValidator.Problems(Project(null!));
        var noQuerier = ProjectValidator.Problems(Project(new ListPolicy { Contributors = ["RS"], Access = ListAccess.Explicit }));

        Assert.Contains(noPolicy, p => p.Contains("list policy", StringComparison.Ordinal));
        Assert.Contains(noQuerier, p => p.Contains("at least one querier", StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_list_project_has_no_problems()
    {
        Assert.Empty(ProjectValidator.Problems(Project(new ListPolicy { Contributors = ["RS", "BA"] })));
    }
}
