namespace Aquila.Synthetic;

/// <summary>One line of <c>variations.csv</c>: record <paramref name="RecordId"/> got <paramref name="Variation"/>.</summary>
/// <param name="Party">The party holding the record.</param>
/// <param name="RecordId">The record's id in the party's file.</param>
/// <param name="PersonId">The synthetic person the record describes.</param>
/// <param name="Variation">One of the names in <see cref="VariationNames"/>.</param>
public sealed record VariationRow(string Party, string RecordId, string PersonId, string Variation);
