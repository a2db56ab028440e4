namespace Aquila.Server.Tests.Crash;

/// <summary>A server of its own: <see cref="ShutdownTests"/> stops it.</summary>
public sealed class ShutdownFixture : ServerFixture;
