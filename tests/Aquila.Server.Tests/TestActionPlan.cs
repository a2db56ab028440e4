using Aquila.Coordination.Projects;

namespace Aquila.Server.Tests;

/// <summary>The action-plan part of a test project: only the title, objective and status differ between tests.</summary>
internal static class TestActionPlan
{
    public const string MatchingObjective = "Find connections between persons of interest held by the parties.";

    public static ActionPlanEntry Entry(string title, string objective = MatchingObjective,
        ActionPlanStatus status = ActionPlanStatus.Initiated) => new()
    {
        Title = title,
        Objective = objective,
        LegalBasisReference = "PCC SEE Art. 31",
        ExpectedResult = "Hits followed up through legal channels.",
        IndicatorsText = "Number of positive hits.",
        GeographicScope = "Western Balkans",
        FundingSource = "test",
        LeadPartner = "PCC",
        Partners = [],
        Observers = [],
        Status = status,
    };
}
