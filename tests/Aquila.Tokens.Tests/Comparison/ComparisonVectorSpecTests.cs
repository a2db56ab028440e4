using System.Globalization;
using System.Text.RegularExpressions;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Dates;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Comparison;

/// <summary>Aquila's block tokens and comparison vectors against docs/token-spec.md §7, computed by tests/interop/comparison_vectors.py.</summary>
public partial class ComparisonVectorSpecTests
{
    public static TheoryData<string, string, string, string, string, string, string, string> Vectors()
    {
        var data = new TheoryData<string, string, string, string, string, string, string, string>();
        foreach (var line in File.ReadLines(RepositoryFiles.PathOf("docs/token-spec.md")))
        {
            // Person rows are c1, c2, …; vehicle rows (the vehicle schema's layout) vc1, vc2, ….
            var person = line.StartsWith("| c", StringComparison.Ordinal) && char.IsAsciiDigit(line[3]);
            if (!person && !(line.StartsWith("| vc", StringComparison.Ordinal) && char.IsAsciiDigit(line[4])))
            {
                continue;
            }

            // A block value's "|" is written "\|" in the table.
            var cells = Cell().Split(line).Select(c => c.Trim().Trim('`').Replace("\\|", "|", StringComparison.Ordinal)).ToArray();
            data.Add(cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7], cells[8]);
        }

        return data;
    }

    [Fact]
    public void The_spec_has_comparison_vectors_under_the_built_in_schema()
    {
        var rows = Vectors().Where(r => !IsVehicle(r.Data.Item1)).ToList();

        Assert.True(rows.Count >= 3);
        Assert.All(rows, row => Assert.Equal(MatchKeySchema.Default.HashHex, row.Data.Item3));
    }

    [Fact]
    public void The_spec_has_comparison_vectors_under_the_vehicle_schema()
    {
        var rows = Vectors().Where(r => IsVehicle(r.Data.Item1)).ToList();

        Assert.True(rows.Count >= 3);
        Assert.All(rows, row => Assert.Equal(MatchKeySchema.Vehicles.HashHex, row.Data.Item3));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Aquila_writes_the_block_tokens_and_vectors_of_the_spec(string vector, string keyHex, string schemaHex, string blockId,
        string blockValue, string features, string tokenHex, string vectorHex)
    {
        var schema = IsVehicle(vector) ? MatchKeySchema.Vehicles : MatchKeySchema.Default;
        var scoring = schema.Scoring!;
        using var key = ProjectKey.FromBytes(Convert.FromHexString(keyHex));
        using var keys = new Stage2Keys(key, Convert.FromHexString(schemaHex));
        using var writer = new ComparisonVectorWriter();
        var token = new byte[Stage2Keys.Length];
        var salt = new byte[Stage2Keys.Length];
        var written = new byte[scoring.Layout.Length];

        keys.BlockToken(blockId, blockValue, token);
        keys.Salt(blockId, blockValue, salt);
        writer.Write(Features(schema.RecordType, scoring, features), scoring.Layout, salt, written);

        Assert.True(tokenHex == Convert.ToHexStringLower(token), vector + " block token");
        Assert.True(vectorHex == Convert.ToHexStringLower(written), vector + " vector");
    }

    private static ComparisonFeatures Features(RecordType type, ScoringSpec scoring, string text)
    {
        var values = new Dictionary<int, string>();
        var dob = default(PartialDate);
        foreach (var item in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (id, value) = (item[..item.IndexOf('=', StringComparison.Ordinal)], item[(item.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var field = scoring.Fields.Single(f => f.Id == id);
            if (field.Kind == ScoringFieldKind.Date)
            {
                var year = int.Parse(value[..4], CultureInfo.InvariantCulture);
                dob = value.Length == 8
                    ? new PartialDate(year, int.Parse(value[4..6], CultureInfo.InvariantCulture), int.Parse(value[6..8], CultureInfo.InvariantCulture), DatePrecision.Full)
                    : new PartialDate(year, 0, 0, DatePrecision.Year);
                continue;
            }

            values[field.Source] = value;
        }

        return ComparisonFeatures.FromValues(type, values, dob);
    }

    private static bool IsVehicle(string vector) => vector.StartsWith("vc", StringComparison.Ordinal);

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex Cell();
}
