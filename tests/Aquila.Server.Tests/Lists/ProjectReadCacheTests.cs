using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Server.Tests.Lists;

/// <summary>
/// List queries read their project from the project store on every call, which serves reads from memory: a read must
/// still never return a state older than the last committed change, whoever committed it.
/// </summary>
public sealed class ProjectReadCacheTests : IAsyncLifetime
{
    private const string Id = "cache-list";

    private static readonly ProjectCaller Coordinator = new(PartyCode.Secretariat, PartyRole.Coordinator);

    private readonly TempDirectory _directory = new();
    private AuditChain _audit = null!;
    private ProjectStore _store = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _audit = await AuditChain.OpenAsync(new AuditChainOptions { DatabasePath = _directory.File("audit.db") }, NullLogger<AuditChain>.Instance,
            Cancel);
        _store = await OpenStoreAsync();
        var project = ListScenario.Project(Id, ["RS", "BA"], ["RS", "BA"], 1000, ListAccess.Reciprocity);
        await _store.CreateAsync(project, Coordinator, _audit, Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        await _audit.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_read_right_after_a_change_returns_the_changed_project()
    {
        var before = await _store.GetAsync(Id, Cancel);

        await _store.ApplyAsync(Id, Coordinator, new StartCeremony(), _audit, cancellationToken: Cancel);
        var after = await _store.GetAsync(Id, Cancel);

        Assert.Equal(ProjectState.Draft, before!.State);
        Assert.Equal(ProjectState.KeyCeremony, after!.State);
    }

    [Fact]
    public async Task A_change_committed_through_another_connection_is_seen_by_the_next_read()
    {
        var before = await _store.GetAsync(Id, Cancel);
        await using (var other = await OpenStoreAsync())
        {
            await other.ApplyAsync(Id, Coordinator, new StartCeremony(), _audit, cancellationToken: Cancel);
        }

        var after = await _store.GetAsync(Id, Cancel);

        Assert.Equal(ProjectState.Draft, before!.State);
        Assert.Equal(ProjectState.KeyCeremony, after!.State);
        Assert.Equal(before.Version + 1, after.Version);
    }

    [Fact]
    public async Task A_project_that_does_not_exist_reads_as_null_and_is_found_once_created()
    {
        var missing = await _store.GetAsync("cache-later", Cancel);

        await _store.CreateAsync(ListScenario.Project("cache-later", ["RS"], ["RS", "BA"], 1000, ListAccess.Reciprocity), Coordinator, _audit,
            Cancel);
        var created = await _store.GetAsync("cache-later", Cancel);

        Assert.Null(missing);
        Assert.Equal(ProjectState.Draft, created!.State);
    }

    private Task<ProjectStore> OpenStoreAsync() => ProjectStore.OpenAsync(
        new ProjectStoreOptions { DatabasePath = _directory.File("projects.db") }, NullLogger<ProjectStore>.Instance, Cancel);
}
