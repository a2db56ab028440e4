using Aquila.Matching.Projects;
using Aquila.Matching.Redis;
using Aquila.Matching.Tests.Projects;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using static Aquila.Matching.Tests.Redis.StoreScenario;

namespace Aquila.Matching.Tests.Redis;

/// <summary>Redis killed mid-run (SIGKILL, appendfsync always) and started again on the same files.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisOutageTests
{
    [Fact]
    public async Task A_submission_while_redis_is_down_fails_with_a_clear_error_and_succeeds_when_resent_after_it_is_back()
    {
        if (RedisBinaries.Problem is { } problem)
        {
            Assert.SkipWhen(!RedisBinaries.Required, problem);
            Assert.Fail(problem);
        }

        using var temp = new TempDirectory();
        var node = await RedisProcess.StartAsync(RedisBinaries.Server!, temp.Path, cluster: false);
        var configuration = ConfigurationOptions.Parse(node.Endpoint);
        configuration.AbortOnConnectFail = false;
        configuration.AsyncTimeout = 1000;
        configuration.SyncTimeout = 1000;
        configuration.ConnectTimeout = 1000;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        var definition = Definition(NewProjectId());
        var options = new RedisProjectStoreOptions { Connection = connection, ServerKey = ProjectTestBed.ServerKey, TokenShards = 4 };
        await using var store = await RedisProjectStore.OpenAsync(definition, options, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
        var acknowledged = await SubmitAsync(store, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));

        await node.DisposeAsync();
        var failure = await Assert.ThrowsAsync<RedisStoreUnavailableException>(() => SubmitAsync(store, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)]))));
        Assert.Contains("retry", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.IsAssignableFrom<IOException>(failure);

        await using var restarted = await RedisProcess.StartAsync(RedisBinaries.Server!, temp.Path, cluster: false, port: node.Port);
        var resent = await RetryAsync(() => SubmitAsync(store, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)]))));

        Assert.Equal(SubmitStatus.Accepted, resent.Status);
        Assert.Equal(Describe(acknowledged.Receipt!),
            Describe((await store.FindReceiptAsync("RS", ProjectTestBed.BatchId(1), TestContext.Current.CancellationToken))!));
        Assert.Equal(1, await store.LastHitSequenceAsync("RS", TestContext.Current.CancellationToken));
    }

    // The client reconnects in the background; a node does the same when the server answers Unavailable.
    private static async Task<SubmitOutcome> RetryAsync(Func<Task<SubmitOutcome>> submit)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await submit();
            }
            catch (RedisStoreUnavailableException) when (attempt < 20)
            {
                await Task.Delay(250, TestContext.Current.CancellationToken);
            }
        }
    }
}
