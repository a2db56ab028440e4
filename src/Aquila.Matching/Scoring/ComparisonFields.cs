using Aquila.Tokens.Comparison;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Scoring;

/// <summary>
/// The comparison fields of one schema's vector layout as the matcher scores them: per field its name (printed next to
/// a hit, never a value), its kind and how many agreement levels it has.
/// </summary>
public sealed class ComparisonFields
{
    private readonly int[] _levels;

    /// <summary>The fields of <paramref name="layout"/>.</summary>
    public ComparisonFields(VectorLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        Names = [.. layout.Fields.Select(f => f.Id)];
        _levels = [.. layout.Fields.Select(f => ComparisonField.Levels(f.Kind))];
    }

    /// <summary>The vector layout the fields come from.</summary>
    public VectorLayout Layout { get; }

    /// <summary>Number of fields.</summary>
    public int Count => _levels.Length;

    /// <summary>Field names, in vector order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The kind of field <paramref name="field"/>.</summary>
    public ScoringFieldKind Kind(int field) => Layout.Fields[field].Kind;

    /// <summary>How many levels field <paramref name="field"/> has.</summary>
    public int Levels(int field) => _levels[field];

    /// <summary>A short text of a field's level, e.g. <c>given≈</c> or <c>dob:year-only</c>.</summary>
    public string Describe(int field, int level) => ComparisonField.Describe(Names[field], Kind(field), level);
}
