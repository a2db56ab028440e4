using Aquila.Coordination.Projects;

namespace Aquila.Coordination.Tests.Projects;

public class ProjectDocumentTests
{
    [Fact]
    public void The_sample_project_document_reads_and_validates()
    {
        var project = ProjectDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("samples/project.json")));

        Assert.Equal("aquila-2026-ve", project.Id);
        Assert.Equal(3, project.Parties.Length);
        Assert.Empty(ProjectValidator.Problems(project with { SchemaHash = new string('a', 64) }));
    }

    [Fact]
    public void A_document_round_trips()
    {
        var project = ProjectSamples.Draft();

        Assert.Equal(ProjectDocument.Write(project), ProjectDocument.Write(ProjectDocument.Parse(ProjectDocument.Write(project))));
    }

    [Fact]
    public void A_malformed_document_is_an_invalid_request()
    {
        var error = Assert.Throws<ProjectRuleException>(() => ProjectDocument.Parse("{ \"id\": 3 }"));

        Assert.Equal(ProjectRuleKind.InvalidRequest, error.Violation.Kind);
    }
}
