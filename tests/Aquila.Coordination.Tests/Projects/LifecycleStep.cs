using Aquila.Coordination.Projects;
using Aquila.Security;
using FsCheck;
using FsCheck.Fluent;
using static Aquila.Coordination.Tests.Projects.ProjectSamples;

namespace Aquila.Coordination.Tests.Projects;

/// <summary>
/// One random step of a lifecycle run: an action, who asks (mostly a caller of the role the action is for, so runs get
/// far; sometimes anyone), for which party, with which fingerprint, how much later.
/// </summary>
internal sealed record LifecycleStep(int Action, int Caller, int Party, bool OtherFingerprint, int Hours, int Records, bool Replace)
{
    public const int ActionCount = 12;
    public const int FeedbackAction = ActionCount - 1;

    private static readonly string[] Parties = ["RS", "BA", "ME", "XK"];

    private static readonly ProjectCaller[] Anyone =
        [Coordinator, NodeRs, NodeBa, NodeMe, NodeXk, AnalystRs, Auditor, Operator, new("BA", PartyRole.Analyst)];

    public static Gen<LifecycleStep> Generator { get; } =
        from action in Gen.Choose(0, ActionCount - 1)
        from caller in Gen.Choose(0, 9 + Anyone.Length)
        from party in Gen.Choose(0, Parties.Length - 1)
        from other in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from hours in Gen.Choose(0, 72)
        from records in Gen.Choose(1, 300)
        from replace in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new LifecycleStep(action, caller, party, other, hours, records, replace);

    public static Gen<LifecycleStep[]> Runs { get; } = Gen.ArrayOf(Generator);

    public string PartyCode => Parties[Party];

    public ProjectCaller Who()
    {
        if (Caller >= 10)
        {
            return Anyone[Caller - 10];
        }

        return Action is 4 or 6 or 10 or FeedbackAction ? NodeOf(PartyCode) : Coordinator;
    }

    public ProjectAction? What() => Action switch
    {
        0 => new InviteParty(new InvitedParty(PartyCode, 200, "Police " + PartyCode)),
        1 => new UninviteParty(PartyCode),
        2 => new UpdateActionPlan(Draft().ActionPlan with { Status = ActionPlanStatus.Ongoing }),
        3 => new StartCeremony(),
        // Now and then a node of round 1 confirms, which is stale once the ceremony restarted.
        4 => new ConfirmCeremony(PartyCode, OtherFingerprint ? "BAD-2" : "GOOD-1") { CeremonyRound = Records % 4 == 0 ? 1 : null },
        5 => new OpenProject(),
        6 => new RecordSubmission(PartyCode, Records, Records * 7L, Replace),
        7 => new StartMatching(),
        8 => new CloseProject(),
        9 => new PurgeProject(),
        10 => new AttestPurge(PartyCode),
        _ => null,
    };
}
