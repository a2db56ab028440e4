namespace Aquila.Tokens.Keys;

/// <summary>
/// One comparison field of a schema's scoring section: its id (printed next to a hit, never a value), how it is written
/// and compared, and the record field it reads (e.g. <c>given_name</c>, <c>postcode</c>, <c>vin</c>).
/// </summary>
/// <param name="Id">Field id, e.g. <c>given</c>.</param>
/// <param name="Kind">How the field is written and compared.</param>
/// <param name="Source">
/// The record field it reads, as its index in the canonical fields of the schema's record type
/// (<see cref="Input.RecordTypes.FieldNames"/>): a <see cref="Input.PersonField"/> or <see cref="Input.VehicleField"/> value.
/// </param>
/// <param name="M">
/// Starting P(level | true pair) per agreement level for the per-project EM fit, or null for the kind's defaults. An
/// exact field as common as sex and one as rare as an identifier need different starts.
/// </param>
/// <param name="U">Starting P(level | other pair) per level, or null for the kind's defaults.</param>
/// <param name="Grams">What a <c>string-bloom</c> field's fragment holds (its <c>"grams"</c>); bigrams for other kinds.</param>
public sealed record ScoringField(
    string Id, ScoringFieldKind Kind, int Source, IReadOnlyList<double>? M = null, IReadOnlyList<double>? U = null, StringGrams Grams = StringGrams.Bigram);
