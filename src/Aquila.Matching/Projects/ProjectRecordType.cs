namespace Aquila.Matching.Projects;

/// <summary>The WAL record types a project's log holds.</summary>
internal static class ProjectRecordType
{
    /// <summary>The project definition; always the first record of the log (<see cref="DefinitionRecordCodec"/>).</summary>
    public const byte Definition = 1;

    /// <summary>An accepted batch, which is also its receipt (<see cref="BatchRecordCodec"/>).</summary>
    public const byte Batch = 2;
}
