namespace Aquila.Node.Inbox.Tests;

/// <summary>Without --project the inbox follows every project the node's party is invited to.</summary>
[Collection(InboxCollection.Name)]
public sealed class InboxDefaultProjectsTests(InboxFlowFixture fixture)
{
    [Fact]
    public async Task Without_projects_the_inbox_follows_the_coordinated_projects_of_its_party()
    {
        var options = fixture.InboxOptions(fixture.NewDirectory("inbox")) with { Projects = [] };

        await using var inbox = await InboxHost.StartAsync(options, null, TestContext.Current.CancellationToken);

        Assert.Equal([fixture.ProjectId], inbox.Projects);
    }
}
