namespace Aquila.Node.Inbox.Tests;

/// <summary>Tests that start servers, inboxes and a browser share one server and do not run in parallel (two cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InboxCollection : ICollectionFixture<InboxFlowFixture>
{
    public const string Name = "Inbox flow";
}
