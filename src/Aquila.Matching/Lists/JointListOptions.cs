using Aquila.Matching.Index;
using Aquila.Matching.Storage;

namespace Aquila.Matching.Lists;

/// <summary>Where and with which keys a <see cref="JointList"/> keeps its state, and its query limits.</summary>
public sealed class JointListOptions
{
    /// <summary>Most tokens a query may carry under one key id (two: a day/month-ambiguous date gives two).</summary>
    public const int DefaultMaxTokensPerKey = 2;

    /// <summary>The list's log directory (it holds nothing else). Created when missing.</summary>
    public required string Directory { get; init; }

    /// <summary>The project's 32-byte data key; destroying it crypto-shreds the list.</summary>
    public required ReadOnlyMemory<byte> DataKey { get; init; }

    /// <summary>K_server, the 16-byte AES-128 key tokens are re-keyed with before anything is stored or looked up.</summary>
    public required ReadOnlyMemory<byte> ServerKey { get; init; }

    /// <summary>Most tokens per key id in one query.</summary>
    public int MaxTokensPerKey { get; init; } = DefaultMaxTokensPerKey;

    /// <summary>Most entries one change may carry.</summary>
    public int MaxEntriesPerChange { get; init; } = 1_000_000;

    /// <summary>The file system; tests pass a fault-injecting one (tests/Aquila.Testing).</summary>
    public IFileSystem FileSystem { get; init; } = PhysicalFileSystem.Instance;

    /// <summary>The clock that decides which entries are past their review date and stamps changes.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (ServerKey.Length != TokenRekeyer.KeySize)
        {
            throw new ArgumentException($"JointListOptions.ServerKey must be {TokenRekeyer.KeySize} bytes, not {ServerKey.Length}.", nameof(ServerKey));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTokensPerKey, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEntriesPerChange, 1);
        ArgumentNullException.ThrowIfNull(FileSystem);
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
