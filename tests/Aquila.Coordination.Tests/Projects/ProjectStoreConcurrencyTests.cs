using Aquila.Coordination.Projects;
using static Aquila.Coordination.Tests.Projects.ProjectSamples;

namespace Aquila.Coordination.Tests.Projects;

public sealed class ProjectStoreConcurrencyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_submissions_of_all_parties_are_all_counted()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Open);

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
        {
            var party = PartyCodes[i % 3];
            return fixture.ApplyAsync(NodeOf(party), new RecordSubmission(party, 10, 70));
        }));

        var project = (await fixture.Store.GetAsync(Id, Cancel))!;
        Assert.All(project.Submissions, s => Assert.Equal((10, 100L, 700L), (s.Batches, s.Records, s.Tokens)));
        Assert.Equal(6 + 30, project.Version); // create, start, 3 confirmations, open, then 30 submissions
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_sees_the_first_one_s_changes()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Draft);
        await using var second = await fixture.OpenStoreAsync();

        await second.ApplyAsync(Id, Coordinator, new StartCeremony(), fixture.Audit, cancellationToken: Cancel);
        var change = await fixture.ApplyAsync(NodeRs, new ConfirmCeremony("RS", Fingerprint));

        Assert.Equal(ProjectState.KeyCeremony, change.Project.State);
        Assert.Equal(3, change.Project.Version);
    }
}
