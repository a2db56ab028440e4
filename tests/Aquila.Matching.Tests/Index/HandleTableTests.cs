using Aquila.Matching.Index;

namespace Aquila.Matching.Tests.Index;

public sealed class HandleTableTests
{
    [Fact]
    public void Ordinals_follow_arrival_order_and_survive_growth()
    {
        var table = new HandleTable(initialCapacity: 1);

        for (var i = 0; i < 5_000; i++)
        {
            Assert.Equal(i, table.GetOrAdd(IndexTestData.Handle(0, i)));
        }

        for (var i = 0; i < 5_000; i++)
        {
            Assert.Equal(IndexTestData.Handle(0, i), table[i].ToArray());
            Assert.Equal(i, table.IndexOf(IndexTestData.Handle(0, i)));
        }
    }

    [Fact]
    public void A_handle_seen_again_keeps_its_ordinal()
    {
        var table = new HandleTable();
        table.GetOrAdd(IndexTestData.Handle(0, 1));
        table.GetOrAdd(IndexTestData.Handle(0, 2));

        var again = table.GetOrAdd(IndexTestData.Handle(0, 1));

        Assert.Equal(0, again);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Clear_forgets_every_handle()
    {
        var table = new HandleTable();
        table.GetOrAdd(IndexTestData.Handle(0, 1));

        table.Clear();

        Assert.Equal(0, table.Count);
        Assert.Equal(-1, table.IndexOf(IndexTestData.Handle(0, 1)));
        Assert.Equal(0, table.GetOrAdd(IndexTestData.Handle(0, 2)));
    }

    [Fact]
    public void A_handle_never_prints_its_bytes()
    {
        var handle = RecordHandle.Read(IndexTestData.Handle(3, 0x41414141));

        Assert.DoesNotContain("41", handle.ToString(), StringComparison.Ordinal);
    }
}
