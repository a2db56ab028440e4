namespace Aquila.Bench;

/// <summary>What a load run measured, in report order; <see cref="Notes"/> says what was skipped and why.</summary>
public sealed class LoadReport
{
    private readonly List<LoadFigure> _figures = [];
    private readonly List<string> _notes = [];
    private readonly List<LoadSetting> _settings = [];

    /// <summary>Settings of the run that are text (store kind), printed before the figures.</summary>
    public IReadOnlyList<LoadSetting> Settings => _settings;

    /// <summary>The figures in report order.</summary>
    public IReadOnlyList<LoadFigure> Figures => _figures;

    /// <summary>Remarks for people (skipped baselines, parameters).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The value of figure <paramref name="key"/>, or null.</summary>
    public double? this[string key]
    {
        get
        {
            foreach (var figure in _figures)
            {
                if (figure.Key == key)
                {
                    return figure.Value;
                }
            }

            return null;
        }
    }

    internal void Add(string key, string label, double value, string unit) => _figures.Add(new LoadFigure(key, label, value, unit));

    internal void Set(string key, string label, string value) => _settings.Add(new LoadSetting(key, label, value));

    internal void Note(string note) => _notes.Add(note);
}
