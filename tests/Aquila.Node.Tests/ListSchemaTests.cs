using System.Text;
using Aquila.Node.Lists;
using Aquila.Protocol.V1;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Node.Tests;

/// <summary>The schema a list pins decides the type of the records the node reads for it (issue 23: lists of vehicles).</summary>
public class ListSchemaTests
{
    [Fact]
    public void The_built_in_schemas_are_found_by_the_hash_the_list_pins()
    {
        Assert.Same(MatchKeySchema.Vehicles, ListSchema.Choose("vrd-1", MatchKeySchema.Vehicles.HashHex.ToUpperInvariant(), null));
        Assert.Same(MatchKeySchema.Default, ListSchema.Choose("ftf-1", MatchKeySchema.Default.HashHex, null));
    }

    [Fact]
    public void A_schema_that_is_not_built_in_needs_its_file_and_a_file_of_another_schema_is_refused()
    {
        var unknown = new string('a', 64);

        var missing = Assert.Throws<ListSchemaException>(() => ListSchema.Choose("x-1", unknown, null));
        var other = Assert.Throws<ListSchemaException>(() => ListSchema.Choose("x-1", unknown, MatchKeySchema.Vehicles));

        Assert.Contains("give its file with --schema", missing.Message, StringComparison.Ordinal);
        Assert.Contains("sha256:" + MatchKeySchema.Vehicles.HashHex, other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vehicle_entries_are_read_and_tokenised_under_the_vehicle_schema_of_the_list()
    {
        using var dir = new TempDirectory();
        var input = dir.File("vehicles.csv");
        File.WriteAllText(input, "record_id,plate_number,registration_country,vin,make,model,colour,first_registration_year,subject_category,review_date\n"
            + "RS-V1,БГ 123-АБ,СРБ,,Шкода,,,2015,suspect,2030-01-31\n"
            + "RS-V2,BG 777-XY,,,,,,,suspect,2030-01-31\n", new UTF8Encoding(false));
        var handles = ListHandleMap.Load(dir.File("v.list-handles.csv"));
        using var key = ProjectKey.Generate();

        var change = new ListChange("v", ListChangeKind.Add, handles, MatchKeySchema.Vehicles).PrepareEntries(input, ColumnMap.Default, key);

        Assert.Equal(["RS-V1"], change.RecordIds);
        Assert.Equal(3, Assert.Single(change.Problems).Line);
    }
}
