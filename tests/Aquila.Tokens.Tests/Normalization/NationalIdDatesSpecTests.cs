using System.Globalization;
using Aquila.Tokens.Normalization;

namespace Aquila.Tokens.Tests.Normalization;

/// <summary>The dates national ids state against docs/token-spec.md §7 (rows nd1, nd2, …), checked also by tests/interop/comparison_vectors.py.</summary>
public class NationalIdDatesSpecTests
{
    public static TheoryData<string, string, string> Rows()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(RepositoryFiles.PathOf("docs/token-spec.md")))
        {
            if (line.StartsWith("| nd", StringComparison.Ordinal) && line.Length > 4 && char.IsAsciiDigit(line[4]))
            {
                var cells = line.Split('|').Select(c => c.Trim().Trim('`')).ToArray();
                data.Add(cells[1], cells[2], cells[3]);
            }
        }

        return data;
    }

    [Fact]
    public void The_spec_lists_dates_of_both_numbering_schemes_and_ids_that_state_none() =>
        Assert.True(Rows().Count >= 6);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Aquila_reads_the_date_the_spec_gives(string row, string nationalId, string expected)
    {
        var stated = NationalIdDates.TryDateOfBirth(nationalId, out var date);

        Assert.True(expected == "none" ? !stated : stated && date.Format() == expected,
            string.Create(CultureInfo.InvariantCulture, $"{row}: {nationalId} gave {(stated ? date.Format() : "none")}, the spec {expected}"));
    }
}
