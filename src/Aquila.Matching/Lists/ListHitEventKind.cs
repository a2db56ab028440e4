namespace Aquila.Matching.Lists;

/// <summary>What a contributor is told about one of its entries.</summary>
public enum ListHitEventKind : byte
{
    /// <summary>Another contributor holds an entry that matches this one.</summary>
    Duplicate = 1,

    /// <summary>A known duplicate now agrees on more keys; its band may have risen.</summary>
    DuplicateUpdated = 2,

    /// <summary>A query by another party hit this entry.</summary>
    Query = 3,
}
