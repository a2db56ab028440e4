namespace Aquila.Synthetic;

/// <summary>The kinds of look-alike another person in the data is for a person.</summary>
[Flags]
internal enum HardNegativeKinds
{
    None = 0,
    Twin = 1,
    Sibling = 2,
    Namesake = 4,
}
