using Aquila.Coordination.Projects;
using static Aquila.Coordination.Tests.Projects.ProjectSamples;

namespace Aquila.Coordination.Tests.Projects;

public sealed class ProjectValidatorTests
{
    [Fact]
    public void The_sample_project_is_valid() => Assert.Empty(ProjectValidator.Problems(Draft()));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/no")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public void A_malformed_project_id_is_a_problem(string id) =>
        Assert.Contains(ProjectValidator.Problems(Draft(id)), p => p.Contains("project id", StringComparison.Ordinal));

    [Theory]
    [InlineData("R")]
    [InlineData("rs")]
    [InlineData("R5")]
    [InlineData("ABCDEFGHI")]
    [InlineData("EUROPOL")]
    public void A_malformed_party_code_is_a_problem(string code)
    {
        var project = Draft() with { Parties = Draft().Parties.SetItem(0, new InvitedParty(code, 10, "Police")) };

        Assert.Contains(ProjectValidator.Problems(project), p => p.Contains("party code must be 2 or 3 upper-case", StringComparison.Ordinal));
    }

    [Fact]
    public void One_party_is_not_enough() =>
        Assert.Contains(
            ProjectValidator.Problems(Draft() with { Parties = [Draft().Parties[0]] }),
            p => p.Contains("at least 2 invited parties, not 1", StringComparison.Ordinal));

    [Fact]
    public void A_party_invited_twice_is_a_problem() =>
        Assert.Contains(
            ProjectValidator.Problems(Draft() with { Parties = [.. Draft().Parties, new InvitedParty("RS", 5, "Again")] }),
            p => p == "Party RS is invited twice.");

    [Fact]
    public void A_deadline_after_the_end_is_a_problem() =>
        Assert.Contains(
            ProjectValidator.Problems(Draft() with { Timeline = new ProjectTimeline(Start, End.AddDays(1), End, PurgeDate) }),
            p => p == "The end must not be before the submission deadline.");

    [Fact]
    public void A_purge_date_before_the_end_is_a_problem() =>
        Assert.Contains(
            ProjectValidator.Problems(Draft() with { Timeline = new ProjectTimeline(Start, Deadline, End, End.AddDays(-1)) }),
            p => p == "The purge date must not be before the end.");

    [Theory]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void A_schema_hash_that_is_not_64_lower_case_hex_digits_is_a_problem(string hash) =>
        Assert.Contains(ProjectValidator.Problems(Draft() with { SchemaHash = hash }), p => p.Contains("schema hash", StringComparison.Ordinal));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_declared_size_below_one_record_is_a_problem(long records) =>
        Assert.Contains(
            ProjectValidator.Problems(Draft() with { Parties = Draft().Parties.SetItem(1, new InvitedParty("BA", records, "SIPA")) }),
            p => p.StartsWith("Party BA must declare", StringComparison.Ordinal));

    [Fact]
    public void No_allowed_data_subject_category_is_a_problem() =>
        Assert.Contains(ProjectValidator.Problems(Draft() with { AllowedCategories = [] }), p => p.Contains("category", StringComparison.Ordinal));

    [Fact]
    public void A_missing_title_and_a_bad_lead_partner_are_both_reported()
    {
        var problems = ProjectValidator.Problems(Draft() with { ActionPlan = Draft().ActionPlan with { Title = " ", LeadPartner = "pcc" } });

        Assert.Contains("The title is required.", problems);
        Assert.Contains(problems, p => p.StartsWith("The lead partner", StringComparison.Ordinal));
    }

    [Fact]
    public void Problem_messages_do_not_echo_the_free_text()
    {
        var problems = ProjectValidator.Problems(Draft() with { HitSharingLegalBasis = "secret\u0001text" });

        var problem = Assert.Single(problems);
        Assert.DoesNotContain("secret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_fanout_must_be_positive() =>
        Assert.Contains(ProjectValidator.Problems(Draft() with { MaxFanout = 0 }), p => p.StartsWith("max_fanout", StringComparison.Ordinal));

    [Theory]
    [InlineData(DataSubjectCategory.Suspect, "suspect")]
    [InlineData(DataSubjectCategory.Convicted, "convicted")]
    [InlineData(DataSubjectCategory.PersonOfInterest, "person_of_interest")]
    [InlineData(DataSubjectCategory.Other, "other")]
    public void Data_subject_categories_round_trip_through_their_text(DataSubjectCategory category, string text)
    {
        Assert.Equal(text, DataSubjectCategoryText.ToText(category));
        Assert.True(DataSubjectCategoryText.TryParse(text, out var parsed));
        Assert.Equal(category, parsed);
    }
}
