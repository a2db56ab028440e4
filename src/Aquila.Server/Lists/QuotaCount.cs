namespace Aquila.Server.Lists;

/// <summary>The answer of <see cref="QueryQuotas.TryConsumeAsync"/>: whether the tokens were counted, and the day's count after the call.</summary>
internal readonly record struct QuotaCount(bool Counted, long Used);
