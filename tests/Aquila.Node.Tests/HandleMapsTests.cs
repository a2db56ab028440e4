using Aquila.Node.Hits;
using Aquila.Tokens.Batches;

namespace Aquila.Node.Tests;

/// <summary>The one handle-map loader of the node (<c>node hits</c>, <c>node import-hits</c>, the inbox): which maps, and which file and line is wrong.</summary>
public class HandleMapsTests
{
    private static readonly byte[] HandleA = Enumerable.Repeat((byte)0xA1, 16).ToArray();
    private static readonly byte[] HandleB = Enumerable.Repeat((byte)0xB2, 16).ToArray();

    [Fact]
    public void Without_maps_given_every_handle_map_in_the_folder_is_loaded()
    {
        using var dir = new TempDirectory();
        Write(dir.File("rs-1.aqb.handles.csv"), (HandleA, "RS-1"));
        Write(dir.File("rs-2.aqb.handles.csv"), (HandleB, "RS-2"));
        File.WriteAllText(dir.File("notes.csv"), "not a map\n");

        var map = HandleMaps.Load(null, dir.Path);

        Assert.Equal(2, map.Count);
        Assert.Equal("RS-1", map.Resolve(HandleA));
        Assert.Equal("RS-2", map.Resolve(HandleB));
    }

    [Fact]
    public void Maps_given_are_loaded_instead_of_the_folder()
    {
        using var dir = new TempDirectory();
        Write(dir.File("rs-1.aqb.handles.csv"), (HandleA, "RS-1"));
        var given = dir.File("elsewhere.csv");
        Write(given, (HandleB, "RS-2"));

        var map = HandleMaps.Load([given], dir.Path);

        Assert.Equal(1, map.Count);
        Assert.Null(map.Resolve(HandleA));
        Assert.Equal("RS-2", map.Resolve(HandleB));
    }

    [Fact]
    public void A_file_that_is_not_a_handle_map_is_refused_naming_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("records.handles.csv");
        File.WriteAllText(path, "record_id,family_name\nRS-1,Petrović\n");

        var error = Assert.Throws<InvalidDataException>(() => HandleMaps.Load([path], dir.Path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a handle map", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_row_is_refused_naming_the_file_and_its_line()
    {
        using var dir = new TempDirectory();
        var path = dir.File("rs.aqb.handles.csv");
        File.WriteAllText(path, HandleMapWriter.HeaderRow + "\n" + Convert.ToHexStringLower(HandleA) + ",RS-1,2\nshort,RS-2,3\n");

        var error = Assert.Throws<InvalidDataException>(() => HandleMaps.Load(null, dir.Path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RS-2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_map_is_an_IO_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("gone.handles.csv");

        var error = Assert.ThrowsAny<IOException>(() => HandleMaps.Load([path], dir.Path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    internal static void Write(string path, params (byte[] Handle, string RecordId)[] rows)
    {
        using var writer = HandleMapWriter.Create(path);
        var line = 2;
        foreach (var (handle, recordId) in rows)
        {
            writer.Write(handle, recordId, line++);
        }

        writer.Complete();
    }
}
