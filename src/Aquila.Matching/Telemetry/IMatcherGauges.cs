namespace Aquila.Matching.Telemetry;

/// <summary>A live project matcher whose figures <see cref="MatchingMetrics"/> reports when metrics are collected.</summary>
public interface IMatcherGauges
{
    /// <summary>The project id (the only tag of its gauges).</summary>
    string ProjectId { get; }

    /// <summary>The figures now.</summary>
    MatcherGaugeValues ReadGauges();
}
