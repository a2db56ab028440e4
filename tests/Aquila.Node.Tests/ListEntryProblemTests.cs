using Aquila.Node.Lists;

namespace Aquila.Node.Tests;

/// <summary>A problem names the line a record came from, and no line for a record given on the command line.</summary>
public class ListEntryProblemTests
{
    [Fact]
    public void A_problem_of_a_file_row_names_its_line()
    {
        Assert.Equal("line 4: date_of_birth: not a date", new ListEntryProblem(4, "date_of_birth", "not a date").ToString());
    }

    [Fact]
    public void A_problem_of_a_query_given_as_options_names_no_line_0()
    {
        Assert.Equal("date_of_birth: not a date", new ListEntryProblem(0, "date_of_birth", "not a date").ToString());
    }
}
