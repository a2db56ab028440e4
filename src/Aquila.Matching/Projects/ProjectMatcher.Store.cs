namespace Aquila.Matching.Projects;

// The embedded store behind IProjectTokenStore: the asynchronous forms of the synchronous reads, and purge.
public sealed partial class ProjectMatcher : IProjectTokenStore
{
    ValueTask<BatchReceipt?> IProjectTokenStore.FindReceiptAsync(string party, ReadOnlyMemory<byte> batchId, CancellationToken ct) =>
        ValueTask.FromResult(FindReceipt(party, batchId.Span));

    ValueTask<IReadOnlyList<PartyHitEvent>> IProjectTokenStore.ReadHitsAsync(string party, long afterSequence, int max, CancellationToken ct) =>
        ValueTask.FromResult(ReadHits(party, afterSequence, max));

    bool IProjectTokenStore.CanReplaceDataSets => true;

    ValueTask<CurrentHitsPage> IProjectTokenStore.ReadCurrentHitsAsync(string party, long afterSequence, int max, CancellationToken ct)
    {
        var events = ReadCurrentHits(party, afterSequence, max, out var scannedThrough);
        return ValueTask.FromResult(new CurrentHitsPage(events, scannedThrough));
    }

    ValueTask<long> IProjectTokenStore.LastHitSequenceAsync(string party, CancellationToken ct) =>
        ValueTask.FromResult(LastHitSequence(party));

    ValueTask<ProjectCounts> IProjectTokenStore.GetCountsAsync(CancellationToken ct) => ValueTask.FromResult(Counts);

    /// <summary>
    /// Closes the matcher and deletes the files of its log directory (segments and snapshots). The data key is kept
    /// by the caller, who destroys it (crypto-shred) and may remove the directory itself.
    /// </summary>
    public async Task PurgeAsync(CancellationToken ct = default)
    {
        _purging = true;
        await DisposeAsync().ConfigureAwait(false);
        var fileSystem = _options.FileSystem;
        foreach (var name in fileSystem.ListFiles(_options.Directory))
        {
            fileSystem.DeleteFile(Path.Combine(_options.Directory, name));
        }

        fileSystem.FlushDirectory(_options.Directory);
    }
}
