namespace Aquila.Matching.Lists;

/// <summary>How a contributor changes its entries.</summary>
public enum ListChangeKind : byte
{
    /// <summary>Adds entries; an entry with a handle already present replaces it (re-confirmation, new review date).</summary>
    Add = 1,

    /// <summary>Removes entries by handle; unknown handles are ignored.</summary>
    Remove = 2,

    /// <summary>Replaces the contributor's whole entry set with the given entries.</summary>
    Replace = 3,
}
