using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Coordination.Tests.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Coordination.Tests.Projects;

/// <summary>A project store and an audit chain in a temp folder, with a hand-set clock.</summary>
internal sealed class ProjectStoreFixture : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();

    private ProjectStoreFixture()
    {
    }

    public ManualClock Clock { get; } = new(ProjectSamples.Start);

    public ProjectStore Store { get; private set; } = null!;

    public AuditChain Audit { get; private set; } = null!;

    public string StorePath => _directory.File("projects.db");

    public string AuditPath => _directory.File("audit.db");

    public static async Task<ProjectStoreFixture> CreateAsync()
    {
        var fixture = new ProjectStoreFixture();
        fixture.Audit = await AuditTestSupport.OpenAsync(fixture.AuditPath);
        fixture.Store = await fixture.OpenStoreAsync();
        return fixture;
    }

    public Task<ProjectStore> OpenStoreAsync() => ProjectStore.OpenAsync(
        new ProjectStoreOptions { DatabasePath = StorePath }, NullLogger<ProjectStore>.Instance, Clock, TestContext.Current.CancellationToken);

    public async Task ReopenStoreAsync()
    {
        await Store.DisposeAsync();
        Store = await OpenStoreAsync();
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditEntriesAsync() =>
        Audit.Head.Sequence == 0 ? [] : await Audit.ReadAsync(1, 10_000, TestContext.Current.CancellationToken);

    public Task<ProjectChange> ApplyAsync(ProjectCaller caller, ProjectAction action, long? expectedVersion = null) =>
        Store.ApplyAsync(ProjectSamples.Id, caller, action, Audit, expectedVersion, TestContext.Current.CancellationToken);

    /// <summary>Creates the sample project and drives it to <paramref name="state"/> through the store.</summary>
    public async Task<MatchingProject> DriveToAsync(ProjectState state)
    {
        var project = (await Store.CreateAsync(ProjectSamples.Draft(), ProjectSamples.Coordinator, Audit, TestContext.Current.CancellationToken)).Project;
        if (state == ProjectState.Draft)
        {
            return project;
        }

        project = (await ApplyAsync(ProjectSamples.Coordinator, new StartCeremony())).Project;
        if (state == ProjectState.KeyCeremony)
        {
            return project;
        }

        foreach (var party in ProjectSamples.PartyCodes)
        {
            await ApplyAsync(ProjectSamples.NodeOf(party), new ConfirmCeremony(party, ProjectSamples.Fingerprint));
        }

        project = (await ApplyAsync(ProjectSamples.Coordinator, new OpenProject())).Project;
        if (state == ProjectState.Open)
        {
            return project;
        }

        Clock.Now = ProjectSamples.Early;
        foreach (var party in ProjectSamples.PartyCodes)
        {
            await ApplyAsync(ProjectSamples.NodeOf(party), new RecordSubmission(party, 100, 700));
        }

        project = (await ApplyAsync(ProjectSamples.Coordinator, new StartMatching())).Project;
        if (state == ProjectState.Matching)
        {
            return project;
        }

        Clock.Now = ProjectSamples.Early.AddDays(10);
        project = (await ApplyAsync(ProjectSamples.Coordinator, new CloseProject())).Project;
        if (state == ProjectState.Closed)
        {
            return project;
        }

        Clock.Now = ProjectSamples.End;
        return (await ApplyAsync(ProjectSamples.Coordinator, new PurgeProject())).Project;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await Audit.DisposeAsync();
        _directory.Dispose();
    }
}
