namespace Aquila.Bench;

/// <summary>A setting of the run that is text, not a figure (e.g. <c>store</c> = <c>redis</c>); JSON keeps it as a string.</summary>
/// <param name="Key">JSON key.</param>
/// <param name="Label">What it is, for the table.</param>
/// <param name="Value">The value.</param>
public sealed record LoadSetting(string Key, string Label, string Value);
