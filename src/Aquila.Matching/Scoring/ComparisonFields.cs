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
    private readonly int[][] _factors;

    /// <summary>The fields of <paramref name="layout"/>, each its own factor.</summary>
    public ComparisonFields(VectorLayout layout)
        : this(layout, [])
    {
    }

    /// <summary>The fields of <paramref name="layout"/>; the fields of each group in <paramref name="joint"/> form one factor.</summary>
    public ComparisonFields(VectorLayout layout, IReadOnlyList<IReadOnlyList<int>> joint)
        : this(layout, joint, weakLevel: false)
    {
    }

    /// <summary>
    /// The fields of <paramref name="layout"/> with the joint groups of <paramref name="joint"/>; with
    /// <paramref name="weakLevel"/> string fields have the sixth level, weak (a schema's <c>"weak_dice"</c>).
    /// </summary>
    public ComparisonFields(VectorLayout layout, IReadOnlyList<IReadOnlyList<int>> joint, bool weakLevel)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(joint);
        Layout = layout;
        Names = [.. layout.Fields.Select(f => f.Id)];
        _levels = [.. layout.Fields.Select(f => ComparisonField.Levels(f.Kind, weakLevel))];
        var factors = new List<int[]>();
        for (var f = 0; f < _levels.Length; f++)
        {
            var group = joint.FirstOrDefault(g => g.Contains(f));
            if (group is null)
            {
                factors.Add([f]);
            }
            else if (group[0] == f)
            {
                factors.Add([.. group]);
            }
        }

        _factors = [.. factors];
    }

    /// <summary>
    /// The model's factors: each field alone, except the schema's joint groups (e.g. given, family and father's name),
    /// each one factor. Their agreements are far from independent among candidates: a block on the family name makes
    /// family agreement common among other pairs, a full-name agreement is much rarer than the product says, and
    /// siblings agree on family and father's name together.
    /// </summary>
    public int FactorCount => _factors.Length;

    /// <summary>The fields of factor <paramref name="factor"/>.</summary>
    public IReadOnlyList<int> FactorFields(int factor) => _factors[factor];

    /// <summary>Cells of factor <paramref name="factor"/>: the product of its fields' levels.</summary>
    public int FactorCells(int factor)
    {
        var cells = 1;
        foreach (var f in _factors[factor])
        {
            cells *= _levels[f];
        }

        return cells;
    }

    /// <summary>The cell of factor <paramref name="factor"/> that <paramref name="levels"/> fall in.</summary>
    public int Cell(int factor, ReadOnlySpan<byte> levels)
    {
        var cell = 0;
        foreach (var f in _factors[factor])
        {
            cell = (cell * _levels[f]) + levels[f];
        }

        return cell;
    }

    /// <summary>The level of field <paramref name="field"/> (a field of factor <paramref name="factor"/>) in cell <paramref name="cell"/>.</summary>
    public int LevelInCell(int factor, int cell, int field)
    {
        var fields = _factors[factor];
        for (var i = fields.Length - 1; i >= 0; i--)
        {
            if (fields[i] == field)
            {
                return cell % _levels[field];
            }

            cell /= _levels[fields[i]];
        }

        throw new ArgumentOutOfRangeException(nameof(field), field, "not a field of this factor");
    }

    /// <summary>A short text of a factor's cell, e.g. <c>given≈ family=</c>.</summary>
    public string DescribeCell(int factor, int cell) =>
        string.Join(' ', _factors[factor].Select(f => Describe(f, LevelInCell(factor, cell, f))));

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
