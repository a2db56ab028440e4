using System.Text;
using Aquila.Node.Lists;
using Aquila.Protocol.V1;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;

namespace Aquila.Node.Tests;

/// <summary>A contributor's list change read on the node: entries get handles in the list handle map, removals find theirs.</summary>
public class ListChangeTests
{
    private const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category";

    [Fact]
    public void New_entries_get_handles_in_the_list_handle_map_and_bad_rows_are_named_by_line()
    {
        using var dir = new TempDirectory();
        var input = dir.File("entries.csv");
        File.WriteAllText(input, Header + ",review_date\n"
            + "RS-1,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,RS,,,suspect,2030-01-31\n"
            + "RS-2,Petrović,Ana,,Ž,1990-01-02,Beograd,RS,,,suspect,not a date\n", new UTF8Encoding(false));
        var handles = ListHandleMap.Load(dir.File("p.list-handles.csv"));
        using var key = ProjectKey.Generate();

        var change = new ListChange("p", ListChangeKind.Add, handles).PrepareEntries(input, ColumnMap.Default, key);

        Assert.Equal(["RS-1"], change.RecordIds);
        Assert.NotNull(handles.Find("RS-1"));
        Assert.Null(handles.Find("RS-2"));
        var problem = Assert.Single(change.Problems);
        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void A_removal_finds_the_handles_of_the_record_ids_on_the_list_and_counts_the_others()
    {
        using var dir = new TempDirectory();
        var handles = ListHandleMap.Load(dir.File("p.list-handles.csv"));
        handles.GetOrCreate("RS-1");
        handles.GetOrCreate("RS-2");
        var input = dir.File("remove.csv");
        File.WriteAllText(input, "record_id\nRS-1\nRS-9\n");

        var change = new ListChange("p", ListChangeKind.Remove, handles).PrepareRemoval(input, ColumnMap.Default);

        Assert.Equal(["RS-1", "RS-9"], change.RecordIds);
        Assert.Equal(1, change.NotOnList);
        Assert.Empty(change.Problems);
    }
}
