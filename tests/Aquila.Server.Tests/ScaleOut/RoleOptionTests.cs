using Aquila.Server.Hosting;
using Aquila.Server.Options;

namespace Aquila.Server.Tests.ScaleOut;

/// <summary>The Coordinator and Matcher roles share projects through Redis: without the Redis store the server does not start.</summary>
public sealed class RoleOptionTests
{
    [Theory]
    [InlineData(ServerRole.Coordinator)]
    [InlineData(ServerRole.Matcher)]
    public async Task A_coordinator_or_matcher_on_the_embedded_store_refuses_to_start_and_says_what_to_set(ServerRole role)
    {
        using var directory = new TempDirectory();
        var options = new ServerOptions { Role = role, DataDirectory = directory.File("data"), KeyDirectory = directory.File("keys") };

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AquilaServer.StartAsync(options, _ => { }, TestContext.Current.CancellationToken));

        Assert.Contains("Server:Matcher:Store=Redis", refused.Message, StringComparison.Ordinal);
        Assert.Contains(role.ToString(), refused.Message, StringComparison.Ordinal);
    }
}
