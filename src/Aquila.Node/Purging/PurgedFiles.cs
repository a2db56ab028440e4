namespace Aquila.Node.Purging;

/// <summary>What <see cref="ProjectPurge"/> destroyed and attested.</summary>
/// <param name="ProjectId">The purged project.</param>
/// <param name="Destroyed">The files overwritten and deleted, in the order given (the key first).</param>
public sealed record PurgedFiles(string ProjectId, IReadOnlyList<FileInfo> Destroyed);
