namespace Aquila.Node.Lists;

/// <summary>What a list notification tells the contributor.</summary>
public enum ListNotificationKind
{
    /// <summary>Another contributor holds a matching entry.</summary>
    Duplicate,

    /// <summary>A known duplicate now agrees on more keys.</summary>
    DuplicateUpdated,

    /// <summary>A query hit this entry.</summary>
    Query,
}
