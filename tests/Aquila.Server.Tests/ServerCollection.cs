namespace Aquila.Server.Tests;

// Servers, sockets and child processes on a 2-core machine: one test class at a time.
[CollectionDefinition(nameof(ServerCollection), DisableParallelization = true)]
public sealed class ServerCollection;
