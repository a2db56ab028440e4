using Aquila.Tokens.Input;

namespace Aquila.Tokens.Tests.Input;

public sealed class ColumnMapTests
{
    [Fact]
    public void The_default_map_uses_the_canonical_snake_case_headers()
    {
        var headers = PersonFieldNames.All.Select(ColumnMap.Default.HeaderFor);

        Assert.Equal(
            ["record_id", "family_name", "given_name", "father_name", "sex", "date_of_birth", "place_of_birth", "nationality",
                "document_number", "national_id", "subject_category", "street", "locality", "postcode"],
            headers);
    }

    [Fact]
    public void Named_fields_get_their_source_header_and_the_others_keep_the_canonical_one()
    {
        var map = ColumnMap.Parse("""{"record_id": " ID ", "Family_Name": "PREZIME"}""", "map.json");

        Assert.Equal("ID", map.HeaderFor(PersonField.RecordId));
        Assert.Equal("PREZIME", map.HeaderFor(PersonField.FamilyName));
        Assert.Equal("given_name", map.HeaderFor(PersonField.GivenName));
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed()
    {
        var map = ColumnMap.Parse("{\n  // the id column\n  \"record_id\": \"ID\",\n}", "map.json");

        Assert.Equal("ID", map.HeaderFor(PersonField.RecordId));
    }

    [Fact]
    public void An_unknown_field_name_is_refused_with_file_and_line()
    {
        var ex = Assert.Throws<ColumnMapException>(() =>
            ColumnMap.Parse("{\n  \"record_id\": \"ID\",\n  \"surname\": \"PREZIME\"\n}", "map.json"));

        Assert.Equal(("map.json", 3L), (ex.SourceName, ex.LineNumber));
        Assert.StartsWith("map.json: line 3: unknown field 'surname'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("family_name", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"record_id\": 5}", "a number")]
    [InlineData("{\"record_id\": null}", "null")]
    [InlineData("{\"record_id\": [\"ID\"]}", "an array")]
    [InlineData("{\"record_id\": {\"x\": 1}}", "an object")]
    public void A_value_that_is_not_a_string_is_refused(string json, string described)
    {
        var ex = Assert.Throws<ColumnMapException>(() => ColumnMap.Parse(json, "map.json"));

        Assert.Equal(1, ex.LineNumber);
        Assert.Contains($"'record_id' must be a string (a header name), not {described}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_header_is_refused()
    {
        var ex = Assert.Throws<ColumnMapException>(() => ColumnMap.Parse("{\"sex\": \"  \"}", "map.json"));

        Assert.Contains("header for 'sex' is blank", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_fields_mapped_to_the_same_header_are_refused()
    {
        var ex = Assert.Throws<ColumnMapException>(() =>
            ColumnMap.Parse("{\n\"family_name\": \"IME\",\n\"given_name\": \"ime\"\n}", "map.json"));

        Assert.Equal(3, ex.LineNumber);
        Assert.Contains("'family_name' and 'given_name' both read header 'ime'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_mapped_to_another_fields_canonical_header_is_refused()
    {
        var ex = Assert.Throws<ColumnMapException>(() => ColumnMap.Parse("{\"family_name\": \"given_name\"}", "map.json"));

        Assert.Contains("'family_name' and 'given_name'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_named_twice_is_refused()
    {
        var ex = Assert.Throws<ColumnMapException>(() =>
            ColumnMap.Parse("{\"sex\": \"POL\",\n\"SEX\": \"SPOL\"}", "map.json"));

        Assert.Equal(2, ex.LineNumber);
        Assert.Contains("'sex' is mapped twice (first on line 1)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n\"record_id\": \"ID\",\n\"sex\" \"POL\"\n}", 3)]
    [InlineData("{\"record_id\": \"ID\"} x", 1)]
    [InlineData("{\n\"record_id\": \"ID\"", 2)]
    public void Invalid_json_is_refused_with_its_line(string json, long line)
    {
        var ex = Assert.Throws<ColumnMapException>(() => ColumnMap.Parse(json, "map.json"));

        Assert.Equal(line, ex.LineNumber);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[\"record_id\"]")]
    [InlineData("\"record_id\"")]
    [InlineData("   ")]
    public void Anything_but_an_object_is_refused(string json)
    {
        var ex = Assert.Throws<ColumnMapException>(() => ColumnMap.Parse(json, "map.json"));

        Assert.Contains("JSON object", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reads_a_map_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aquila-map-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"record_id": "ID"}""");
        try
        {
            var map = ColumnMap.Load(path);

            Assert.Equal("ID", map.HeaderFor(PersonField.RecordId));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_of_a_missing_file_names_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aquila-missing-{Guid.NewGuid():N}.json");

        var ex = Assert.Throws<ColumnMapException>(() => ColumnMap.Load(path));

        Assert.Equal(path, ex.SourceName);
        Assert.StartsWith(path + ": cannot read the column map file", ex.Message, StringComparison.Ordinal);
    }
}
