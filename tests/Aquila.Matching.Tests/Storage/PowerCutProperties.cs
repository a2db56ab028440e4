using FsCheck.Xunit;

namespace Aquila.Matching.Tests.Storage;

public sealed class PowerCutProperties
{
    // A random mix of awaited and in-flight appends across several small segments, then a power cut that keeps a
    // random prefix of each file's unflushed bytes: every acknowledged record survives, the log reopens cleanly with
    // strictly increasing LSNs, and it accepts new appends.
    [Property(MaxTest = 25)]
    public bool Acknowledged_records_survive_any_power_cut_with_torn_writes(int seed) => Task.Run(async () =>
    {
        var random = new Random(seed);
        var test = WalTestLog.InMemory();
        var log = await test.OpenAsync(segmentSize: 4096);
        var pending = new List<Task<long>>();
        var count = random.Next(1, 250);
        for (var i = 0; i < count; i++)
        {
            var append = log.AppendAsync((byte)i, WalTestLog.Payload(random.Next(200)), CancellationToken.None).AsTask();
            if (random.Next(4) == 0)
            {
                await append;
            }

            pending.Add(append);
        }

        test.Faults.SimulatePowerCut(random);
        var acknowledged = pending.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToList();
        await log.DisposeAsync();

        await using var reopened = await test.OpenAsync(segmentSize: 4096);
        var recovered = (await WalTestLog.ReadAllAsync(reopened)).Select(r => r.Lsn).ToList();
        var next = await reopened.AppendAsync(1, new byte[] { 1 }, CancellationToken.None);

        return acknowledged.All(recovered.Contains)
            && recovered.Zip(recovered.Skip(1)).All(p => p.First < p.Second)
            && (recovered.Count == 0 || next > recovered[^1]);
    }).GetAwaiter().GetResult();
}
