namespace Aquila.Security.Tests;

/// <summary>A clock standing at a chosen instant, for CRLs and certificates issued "in the past".</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
