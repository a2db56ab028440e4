namespace Aquila.Matching.Redis;

/// <summary>The stages of a Redis submission, in order (the receipt is written last).</summary>
internal enum RedisSubmitStage
{
    /// <summary>The batch id is claimed for its content; nothing else is written yet.</summary>
    Claimed,

    /// <summary>Every posting is stored and the other holders are known; no hit is appended yet.</summary>
    PostingsStored,

    /// <summary>Every hit is appended to the streams; the receipt is not written yet.</summary>
    HitsAppended,
}
