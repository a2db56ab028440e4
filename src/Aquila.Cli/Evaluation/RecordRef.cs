namespace Aquila.Cli.Evaluation;

/// <summary>A record as the evaluation names it: the party holding it and the party's record id.</summary>
internal readonly record struct RecordRef(string Party, string Record);
