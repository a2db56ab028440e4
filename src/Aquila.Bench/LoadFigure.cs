namespace Aquila.Bench;

/// <summary>One reported figure: a stable machine key (snake_case), a label for people, the value and its unit.</summary>
/// <param name="Key">JSON key, e.g. <c>ingest_tokens_per_s</c> or <c>redis_always_ingest_ratio</c>.</param>
/// <param name="Label">What it is, for the table.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Unit or format hint ("tokens/s", "ms", "B", "×", "").</param>
public sealed record LoadFigure(string Key, string Label, double Value, string Unit);
