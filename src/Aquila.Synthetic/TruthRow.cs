namespace Aquila.Synthetic;

/// <summary>One line of <c>truth.csv</c>: the record <paramref name="RecordId"/> of <paramref name="Party"/> describes person <paramref name="PersonId"/>.</summary>
/// <param name="PersonId">The synthetic person.</param>
/// <param name="Party">The party holding the record.</param>
/// <param name="RecordId">The record's id in the party's file.</param>
public sealed record TruthRow(string PersonId, string Party, string RecordId);
