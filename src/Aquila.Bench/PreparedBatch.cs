namespace Aquila.Bench;

/// <summary>A batch file a simulated party's node made, ready to submit.</summary>
/// <param name="Party">The party code.</param>
/// <param name="Path">The batch file.</param>
/// <param name="Records">Records in it.</param>
/// <param name="Tokens">Tokens in it.</param>
public sealed record PreparedBatch(string Party, string Path, long Records, long Tokens);
