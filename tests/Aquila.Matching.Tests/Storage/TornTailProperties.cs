using Aquila.Matching.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Aquila.Matching.Tests.Storage;

public sealed class TornTailProperties
{
    private const int HeaderLength = 52;
    private const int RecordOverhead = 41;

    private static readonly Arbitrary<(int[] Sizes, int Cut)> LogAndCut =
        (from count in Gen.Choose(1, 12)
         from sizes in Gen.Choose(0, 300).ArrayOf(count)
         from cut in Gen.Choose(0, sizes.Sum(s => s + RecordOverhead))
         select (sizes, cut)).ToArbitrary();

    private static Property ForAllLogs(Func<int[], int, bool> check) => Prop.ForAll(LogAndCut, c => check(c.Sizes, c.Cut));

    [Property(MaxTest = 60)]
    public Property Any_cut_of_the_tail_keeps_every_whole_record_before_it_and_removes_the_rest() => ForAllLogs((sizes, cut) =>
    {
        var (recovered, ends, lengthAfter) = CutAndRecover(sizes, cut, flipInstead: false);
        var whole = ends.Count(end => end <= HeaderLength + cut);

        var expectedLength = whole == 0 ? -1 : ends[whole - 1];
        return recovered is not null && recovered.SequenceEqual(Enumerable.Range(1, whole).Select(i => (long)i)) && lengthAfter == expectedLength;
    });

    [Property(MaxTest = 60)]
    public Property A_flipped_byte_in_the_last_record_cuts_it_and_one_in_an_earlier_record_is_refused() => ForAllLogs((sizes, cut) =>
    {
        // Each append here waited for the one before, so every later record says the earlier ones were flushed.
        var totalLength = sizes.Sum(s => s + RecordOverhead);
        var position = Math.Min(cut, totalLength - 1);
        var (recovered, ends, _) = CutAndRecover(sizes, position, flipInstead: true);
        var before = ends.Count(end => end <= HeaderLength + position);
        var inLastRecord = before == sizes.Length - 1;

        return inLastRecord
            ? recovered is not null && recovered.SequenceEqual(Enumerable.Range(1, before).Select(i => (long)i))
            : recovered is null;
    });

    // Writes records of the given sizes, cuts the segment (or flips one byte) at `position` bytes after the header,
    // reopens, and returns the recovered LSNs (null: refused as damaged), each record's end offset and the segment length
    // afterwards (-1: removed).
    private static (List<long>? Recovered, List<long> Ends, long LengthAfter) CutAndRecover(int[] sizes, int position, bool flipInstead)
    {
        return Task.Run(async () =>
        {
            var test = WalTestLog.InMemory();
            var ends = new List<long>();
            var end = (long)HeaderLength;
            await using (var log = await test.OpenAsync())
            {
                foreach (var size in sizes)
                {
                    await log.AppendAsync(1, new byte[size], CancellationToken.None);
                    end += size + RecordOverhead;
                    ends.Add(end);
                }
            }

            using (var file = test.FileSystem.OpenFile(test.SegmentPath(1), writable: true))
            {
                if (flipInstead)
                {
                    var one = new byte[1];
                    file.Read(HeaderLength + position, one);
                    one[0] ^= 0x5A;
                    file.Write(HeaderLength + position, one);
                }
                else
                {
                    file.SetLength(HeaderLength + position);
                }
            }

            WriteAheadLog reopened;
            try
            {
                reopened = await test.OpenAsync();
            }
            catch (WalCorruptionException e) when (e.FileName == "segment-0000000001.wal" && e.Offset == ends.LastOrDefault(end => end <= HeaderLength + position, (long)HeaderLength))
            {
                return (null, ends, -2);
            }

            await using var opened = reopened;
            var recovered = new List<long>();
            await foreach (var record in reopened.ReadAllAsync(1, CancellationToken.None))
            {
                recovered.Add(record.Lsn);
            }

            var lengthAfter = -1L;
            if (test.FileSystem.FileExists(test.SegmentPath(1)))
            {
                using var file = test.FileSystem.OpenFile(test.SegmentPath(1), writable: false);
                lengthAfter = file.Length;
            }

            return ((List<long>?)recovered, ends, lengthAfter);
        }).GetAwaiter().GetResult();
    }
}
