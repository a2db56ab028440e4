namespace Aquila.Matching.Redis;

/// <summary>What one entry of a project's Redis log asks every follower to do.</summary>
internal enum RedisLogEntryKind : byte
{
    /// <summary>A batch added to its party's data set (<c>ProjectMatcher.SubmitAsync</c>).</summary>
    Submit = 1,

    /// <summary>A batch that replaces its party's data set (<c>ProjectMatcher.ReplaceDataSetAsync</c>).</summary>
    ReplaceDataSet = 2,

    /// <summary>Stage-2 scoring starts (<c>ProjectMatcher.StartScoringAsync</c>).</summary>
    StartScoring = 3,

    /// <summary>The project is purged: every follower drops its local state.</summary>
    Purge = 4,
}
