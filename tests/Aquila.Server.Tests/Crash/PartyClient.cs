using Grpc.Net.Client;

namespace Aquila.Server.Tests.Crash;

/// <summary>One party's connection to a server.</summary>
public sealed record PartyClient(string Party, GrpcChannel Channel, Protocol.V1.Matching.MatchingClient Client);
