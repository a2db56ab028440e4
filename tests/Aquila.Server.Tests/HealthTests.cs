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
    public async Task Reflection_lists_the_services_to_an_authenticated_client()
    {
        using var identity = NodeIdentity.Load(fixture.Identities["RS"]);
        using var channel = AquilaChannel.Create(fixture.Server.Address, identity);
        var client = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(channel);
        using var call = client.ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);

        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" },
            TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("aquila.v1.Matching", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public void The_server_logged_no_error()
    {
        Assert.Empty(fixture.Logs.Errors());
    }
}
