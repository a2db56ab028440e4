namespace Aquila.Matching.Storage;

/// <summary>What a check of a record (or header) found.</summary>
internal enum RecordStatus
{
    /// <summary>Complete, with a matching checksum.</summary>
    Valid,

    /// <summary>The bytes end inside it: a torn write at the tail of the log.</summary>
    Incomplete,

    /// <summary>Its length or checksum is wrong.</summary>
    Damaged,
}
