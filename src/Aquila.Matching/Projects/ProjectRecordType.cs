namespace Aquila.Matching.Projects;

/// <summary>The WAL record types a project's log holds.</summary>
internal static class ProjectRecordType
{
    /// <summary>The project definition; always the first record of the log (<see cref="DefinitionRecordCodec"/>).</summary>
    public const byte Definition = 1;

    /// <summary>An accepted batch, which is also its receipt (<see cref="BatchRecordCodec"/>).</summary>
    public const byte Batch = 2;

    /// <summary>
    /// An accepted batch that replaces its party's data set: applying it first withdraws every earlier batch of the party
    /// (postings, hits, counts), then indexes the batch. Same payload as <see cref="Batch"/>; one record, so a crash leaves
    /// either the old data set or the new one.
    /// </summary>
    public const byte ReplacingBatch = 3;

    /// <summary>Stage-2 scoring starts (the project entered Matching): the fitted model (<see cref="Stage2.ScoringStartCodec"/>).</summary>
    public const byte ScoringStarted = 4;
}
