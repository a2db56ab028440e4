using Aquila.Matching.Projects;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Matching.Tests.Redis;

/// <summary>The shared store behaviour on the embedded store (write-ahead log on an in-memory, fault-injecting file system).</summary>
public sealed class EmbeddedStoreBehaviourTests : TokenStoreBehaviour
{
    private static readonly byte[] DataKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private readonly FaultInjectingFileSystem _files = new();

    protected override Task<IProjectTokenStore> OpenAsync(ProjectDefinition definition) => OpenAsync(definition, failOnce: false);

    protected override Task<IProjectTokenStore> OpenFailingOnceAsync(ProjectDefinition definition) => OpenAsync(definition, failOnce: true);

    protected override Task<bool> HasStateAsync(string projectId)
    {
        var directory = Directory(projectId);
        return Task.FromResult(_files.ListFiles(directory).Count > 0);
    }

    private static string Directory(string projectId) => Path.GetFullPath("/aquila-store-test/" + projectId);

    private async Task<IProjectTokenStore> OpenAsync(ProjectDefinition definition, bool failOnce)
    {
        _files.CreateDirectory(Directory(definition.ProjectId));
        var options = new ProjectMatcherOptions
        {
            Directory = Directory(definition.ProjectId),
            DataKey = DataKey,
            ServerKey = Projects.ProjectTestBed.ServerKey,
            FileSystem = _files,
        };
        var matcher = await ProjectMatcher.OpenAsync(definition, options, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
        if (failOnce)
        {
            _files.FailNextWrites(1);
        }

        return matcher;
    }
}
