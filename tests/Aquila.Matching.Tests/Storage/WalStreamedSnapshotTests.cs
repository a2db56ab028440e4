using System.Buffers;
using Aquila.Matching.Storage;

namespace Aquila.Matching.Tests.Storage;

public sealed class WalStreamedSnapshotTests
{
    private const string SnapshotName = "snapshot-00000000000000000003.snap";

    // 2.5 chunks, written in odd pieces so chunk boundaries fall inside writes.
    private static byte[] State() => [.. Enumerable.Range(0, (5 * 1024 * 1024 / 2) + 17).Select(i => (byte)(i * 31 % 251))];

    private static async Task<WalTestLog> LogWithStreamedSnapshotAsync(byte[] state)
    {
        var test = WalTestLog.InMemory();
        await using var log = await test.OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(2, WalTestLog.Payload(i), TestContext.Current.CancellationToken);
        }

        await log.WriteSnapshotAsync(3, output => WriteInPieces(output, state), TestContext.Current.CancellationToken);
        return test;
    }

    private static void WriteInPieces(IBufferWriter<byte> output, byte[] state)
    {
        for (var at = 0; at < state.Length;)
        {
            var n = Math.Min(state.Length - at, 1000 + (at % 7777));
            state.AsSpan(at, n).CopyTo(output.GetSpan(n));
            output.Advance(n);
            at += n;
        }
    }

    private static async Task<byte[]> ReadRecoveredAsync(WalTestLog test)
    {
        await using var log = await test.OpenAsync();
        using var stream = log.OpenRecoveredSnapshot();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        return copy.ToArray();
    }

    [Fact]
    public async Task A_streamed_snapshot_of_several_chunks_reads_back_unchanged()
    {
        var state = State();
        var test = await LogWithStreamedSnapshotAsync(state);

        var read = await ReadRecoveredAsync(test);

        Assert.Equal(state, read);
    }

    [Fact]
    public async Task A_snapshot_written_whole_reads_back_through_the_same_stream()
    {
        var test = WalTestLog.InMemory();
        await using (var log = await test.OpenAsync())
        {
            await log.AppendAsync(2, WalTestLog.Payload(1), TestContext.Current.CancellationToken);
            await log.WriteSnapshotAsync(1, new byte[] { 7, 8, 9 }, TestContext.Current.CancellationToken);
        }

        Assert.Equal(new byte[] { 7, 8, 9 }, await ReadRecoveredAsync(test));
    }

    [Theory]
    [InlineData(70)]
    [InlineData(1024 * 1024)]
    [InlineData(-3)]
    public async Task A_flipped_byte_in_a_chunk_fails_the_read_naming_the_snapshot(int offset)
    {
        var test = await LogWithStreamedSnapshotAsync(State());
        var path = Path.Combine(test.Directory, SnapshotName);
        var bytes = test.Faults.ReadAllBytes(path);
        var at = offset < 0 ? bytes.Length + offset : offset;
        using (var file = test.FileSystem.OpenFile(path, writable: true))
        {
            file.Write(at, [(byte)(bytes[at] ^ 1)]);
        }

        var error = await Assert.ThrowsAsync<WalCorruptionException>(() => ReadRecoveredAsync(test));
        Assert.Equal(SnapshotName, error.FileName);
    }

    [Fact]
    public async Task A_snapshot_cut_after_a_whole_chunk_is_reported_as_cut_short()
    {
        var test = await LogWithStreamedSnapshotAsync(State());
        var path = Path.Combine(test.Directory, SnapshotName);
        using (var file = test.FileSystem.OpenFile(path, writable: true))
        {
            // Header plus exactly the first chunk (length word, 1 MiB, tag): a reader must not take it for the end.
            file.SetLength(60 + 4 + (1024 * 1024) + 16);
        }

        var error = await Assert.ThrowsAsync<WalCorruptionException>(() => ReadRecoveredAsync(test));
        Assert.Contains("cut short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_snapshot_under_another_data_key_is_a_key_mismatch()
    {
        var test = await LogWithStreamedSnapshotAsync(State());
        var otherKey = Enumerable.Repeat((byte)9, 32).ToArray();

        await Assert.ThrowsAsync<WalDataKeyMismatchException>(() => test.OpenAsync(key: otherKey));
    }
}
