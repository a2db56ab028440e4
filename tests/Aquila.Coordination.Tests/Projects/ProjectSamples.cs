using System.Collections.Immutable;
using Aquila.Coordination.Projects;
using Aquila.Security;

namespace Aquila.Coordination.Tests.Projects;

/// <summary>A sample project with three parties, callers of every role, and a way to drive a project into any state.</summary>
internal static class ProjectSamples
{
    public const string Id = "aquila-2026-01";
    public const string Fingerprint = "3F7A-91C2-0B44";

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Deadline = Start.AddDays(31);
    public static readonly DateTimeOffset End = Start.AddDays(150);
    public static readonly DateTimeOffset PurgeDate = Start.AddDays(180);

    /// <summary>Before the deadline, when nobody has submitted.</summary>
    public static readonly DateTimeOffset Early = Start.AddDays(1);

    public static readonly ProjectCaller Coordinator = new(PartyCode.Secretariat, PartyRole.Coordinator);
    public static readonly ProjectCaller NodeRs = new("RS", PartyRole.Node);
    public static readonly ProjectCaller NodeBa = new("BA", PartyRole.Node);
    public static readonly ProjectCaller NodeMe = new("ME", PartyRole.Node);
    public static readonly ProjectCaller NodeXk = new("XK", PartyRole.Node);
    public static readonly ProjectCaller AnalystRs = new("RS", PartyRole.Analyst);
    public static readonly ProjectCaller Auditor = new(PartyCode.Secretariat, PartyRole.Auditor);
    public static readonly ProjectCaller Operator = new(PartyCode.Secretariat, PartyRole.Operator);

    public static readonly string[] PartyCodes = ["RS", "BA", "ME"];

    public static MatchingProject Draft(string id = Id) => new()
    {
        Id = id,
        ActionPlan = new ActionPlanEntry
        {
            Title = "Aquila: one-time matching of persons of interest",
            Objective = "Find connections between persons of interest held by the parties.",
            LegalBasisReference = "PCC SEE Art. 5 and Art. 31",
            ExpectedResult = "Hits followed up through legal channels.",
            IndicatorsText = "Safe application developed; number of WB countries involved; number of positive hits.",
            GeographicScope = "Western Balkans",
            FundingSource = "EU IPA",
            LeadPartner = "PCC",
            Partners = ["DCAF", "EUROPOL", "INTERPOL"],
            Observers = ["AT"],
            Status = ActionPlanStatus.Initiated,
        },
        Timeline = new ProjectTimeline(Start, Deadline, End, PurgeDate),
        SchemaHash = new string('a', 32) + new string('7', 32),
        Parties =
        [
            new InvitedParty("RS", 500, "Ministry of Interior RS"),
            new InvitedParty("BA", 400, "SIPA"),
            new InvitedParty("ME", 300, "Police Directorate ME"),
        ],
        HitSharingLegalBasis = "Bilateral agreements; PCC SEE Art. 31",
        AllowedCategories = [DataSubjectCategory.Suspect, DataSubjectCategory.PersonOfInterest],
    };

    public static ProjectCaller NodeOf(string party) => new(party, PartyRole.Node);

    /// <summary>Applies an action that must be allowed.</summary>
    public static MatchingProject Must(MatchingProject project, ProjectCaller caller, ProjectAction action, DateTimeOffset now)
    {
        var transition = ProjectLifecycle.Apply(project, caller, action, now);
        Assert.True(transition.IsAllowed, transition.Violation?.Message);
        return transition.Project;
    }

    /// <summary>The sample project driven to <paramref name="state"/> the legal way (all parties submit before Matching).</summary>
    public static MatchingProject InState(ProjectState state)
    {
        var project = ProjectLifecycle.Create(Coordinator, Draft(), Start).Project;
        if (state == ProjectState.Draft)
        {
            return project;
        }

        project = Must(project, Coordinator, new StartCeremony(), Start);
        if (state == ProjectState.KeyCeremony)
        {
            return project;
        }

        foreach (var party in PartyCodes)
        {
            project = Must(project, NodeOf(party), new ConfirmCeremony(party, Fingerprint), Start);
        }

        project = Must(project, Coordinator, new OpenProject(), Start);
        if (state == ProjectState.Open)
        {
            return project;
        }

        foreach (var party in PartyCodes)
        {
            project = Must(project, NodeOf(party), new RecordSubmission(party, 100, 700), Early);
        }

        project = Must(project, Coordinator, new StartMatching(), Early);
        if (state == ProjectState.Matching)
        {
            return project;
        }

        project = Must(project, Coordinator, new CloseProject(), Early.AddDays(1));
        if (state == ProjectState.Closed)
        {
            return project;
        }

        return Must(project, Coordinator, new PurgeProject(), End);
    }

    public static ImmutableArray<string> Codes(MatchingProject project) => [.. project.Parties.Select(p => p.Party)];
}
