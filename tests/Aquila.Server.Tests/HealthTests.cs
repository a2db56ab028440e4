using Aquila.Node;
using Grpc.Health.V1;

namespace Aquila.Server.Tests;

[Collection(nameof(ServerCollection))]
public class HealthTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_server_reports_serving_to_an_authenticated_health_check()
    {
        using var identity = NodeIdentity.Load(fixture.Identities["RS"]);
        using var channel = AquilaChannel.Create(fixture.Server.Address, identity);

        var response = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public void The_server_logged_no_error()
    {
        Assert.Empty(fixture.Logs.Errors());
    }
}
