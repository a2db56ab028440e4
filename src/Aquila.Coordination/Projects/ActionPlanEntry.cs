using System.Collections.Immutable;

namespace Aquila.Coordination.Projects;

/// <summary>
/// The columns of an action-plan row that a matching project carries (see CONTEXT.md): free text for people, plus the
/// organisation codes of the lead partner, partners and observers (e.g. PCC, DCAF, EUROPOL, INTERPOL).
/// </summary>
public sealed record ActionPlanEntry
{
    /// <summary>Short title, 1–200 characters.</summary>
    public required string Title { get; init; }

    /// <summary>The objective, 1–2000 characters.</summary>
    public required string Objective { get; init; }

    /// <summary>The legal basis of the matching itself (e.g. "PCC SEE Art. 31"), 1–2000 characters.</summary>
    public required string LegalBasisReference { get; init; }

    /// <summary>The expected result, up to 2000 characters.</summary>
    public string ExpectedResult { get; init; } = "";

    /// <summary>The indicators as written in the action plan, up to 2000 characters.</summary>
    public string IndicatorsText { get; init; } = "";

    /// <summary>The geographic scope, up to 2000 characters.</summary>
    public string GeographicScope { get; init; } = "";

    /// <summary>The funding source, up to 2000 characters.</summary>
    public string FundingSource { get; init; } = "";

    /// <summary>The lead partner's organisation code (2–8 upper-case letters).</summary>
    public required string LeadPartner { get; init; }

    /// <summary>Partner organisation codes (2–8 upper-case letters each, no duplicates).</summary>
    public ImmutableArray<string> Partners { get; init; } = [];

    /// <summary>Observer organisation codes (2–8 upper-case letters each, no duplicates).</summary>
    public ImmutableArray<string> Observers { get; init; } = [];

    /// <summary>The action-plan status.</summary>
    public ActionPlanStatus Status { get; init; } = ActionPlanStatus.Foreseen;
}
