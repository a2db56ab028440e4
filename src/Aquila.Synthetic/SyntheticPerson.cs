using Aquila.Synthetic.Names;
using Aquila.Synthetic.Places;

namespace Aquila.Synthetic;

/// <summary>The truth about one synthetic person, before any party writes a record about them.</summary>
internal sealed class SyntheticPerson
{
    public required string Id { get; init; }

    public required Community Community { get; init; }

    public required bool Female { get; init; }

    public required NamePart Family { get; init; }

    public required NamePart Given { get; init; }

    public required NamePart Father { get; init; }

    public required DateOnly Birth { get; init; }

    public required Place BirthPlace { get; init; }

    /// <summary>ISO alpha-2 code.</summary>
    public required string Nationality { get; init; }

    public string? NationalId { get; init; }

    public string? Passport { get; init; }

    /// <summary>An earlier passport some parties still hold.</summary>
    public string? OldPassport { get; init; }

    public required string Category { get; init; }

    public HardNegativeKinds HardNegatives { get; set; }

    /// <summary>Indexes of the parties holding a record of the person.</summary>
    public int[] Parties { get; set; } = [];
}
