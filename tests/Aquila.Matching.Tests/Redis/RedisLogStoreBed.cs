using Aquila.Matching.Projects;
using Aquila.Matching.Redis;
using Aquila.Matching.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Aquila.Matching.Tests.Redis;

/// <summary>Opens log-layout stores ("instances") for tests: each with its own local directory, all with the test K_server.</summary>
internal static class RedisLogStoreBed
{
    public static async Task<RedisLogStore> OpenAsync(ProjectDefinition definition, IConnectionMultiplexer connection, string directory,
        Func<ValueTask>? beforeAppend = null, IFileSystem? files = null, string keyPrefix = RedisProjectStoreOptions.DefaultKeyPrefix,
        TimeSpan? pollInterval = null) =>
        await RedisLogStore.OpenAsync(definition, Options(connection, directory, beforeAppend, files, keyPrefix, pollInterval), NullLoggerFactory.Instance,
            TestContext.Current.CancellationToken);

    public static RedisLogStoreOptions Options(IConnectionMultiplexer connection, string directory, Func<ValueTask>? beforeAppend = null,
        IFileSystem? files = null, string keyPrefix = RedisProjectStoreOptions.DefaultKeyPrefix, TimeSpan? pollInterval = null) => new()
    {
        Connection = connection,
        ServerKey = Projects.ProjectTestBed.ServerKey,
        Directory = directory,
        PollInterval = pollInterval ?? TimeSpan.FromMilliseconds(50),
        EntriesPerRead = 3,
        BeforeAppend = beforeAppend,
        FileSystem = files ?? PhysicalFileSystem.Instance,
        KeyPrefix = keyPrefix,
    };

    /// <summary>Every file left in an instance's local directory of a project.</summary>
    public static List<string> LocalFiles(string directory) =>
        Directory.Exists(directory) ? [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)] : [];
}
