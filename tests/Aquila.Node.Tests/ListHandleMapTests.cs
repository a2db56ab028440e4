using Aquila.Node.Lists;

namespace Aquila.Node.Tests;

/// <summary>
/// The list handle map keeps a removed record's handle, marked removed, so notifications from before the removal still
/// name the record (issue 21, item 4); adding the record again brings the same handle back.
/// </summary>
public class ListHandleMapTests
{
    [Fact]
    public void A_removed_record_still_resolves_from_its_handle_and_is_marked_removed_after_a_reload()
    {
        using var dir = new TempDirectory();
        var map = ListHandleMap.Load(dir.File("p.list-handles.csv"));
        var removed = map.GetOrCreate("RS-1");
        var kept = map.GetOrCreate("RS-2,\"quoted\"");
        map.Remove("RS-1");
        map.Save();

        var reloaded = ListHandleMap.Load(map.Path);

        Assert.Equal("RS-1", reloaded.Resolve(removed));
        Assert.True(reloaded.IsRemoved(removed));
        Assert.Null(reloaded.Find("RS-1"));
        Assert.Equal("RS-2,\"quoted\"", reloaded.Resolve(kept));
        Assert.False(reloaded.IsRemoved(kept));
        Assert.Equal(1, reloaded.Count);
    }

    [Fact]
    public void Adding_a_removed_record_again_brings_back_its_handle()
    {
        using var dir = new TempDirectory();
        var map = ListHandleMap.Load(dir.File("p.list-handles.csv"));
        var first = map.GetOrCreate("RS-1");
        map.RetainOnly(new HashSet<string>(StringComparer.Ordinal));

        var again = map.GetOrCreate("RS-1");

        Assert.Equal(first, again);
        Assert.False(map.IsRemoved(again));
    }

    [Fact]
    public void A_map_written_before_removed_records_were_kept_reads_as_all_listed()
    {
        using var dir = new TempDirectory();
        var path = dir.File("old.list-handles.csv");
        File.WriteAllText(path, "handle,record_id\n" + new string('a', 32) + ",RS-7\n");

        var map = ListHandleMap.Load(path);

        Assert.Equal("RS-7", map.Resolve(Convert.FromHexString(new string('a', 32))));
        Assert.NotNull(map.Find("RS-7"));
    }

    [Fact]
    public void Forgetting_a_record_takes_its_handle_out_altogether()
    {
        using var dir = new TempDirectory();
        var map = ListHandleMap.Load(dir.File("p.list-handles.csv"));
        var handle = map.GetOrCreate("RS-1");

        map.Forget("RS-1");

        Assert.Null(map.Resolve(handle));
        Assert.False(map.WasRemoved("RS-1"));
    }
}
