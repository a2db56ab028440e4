using Microsoft.Extensions.Logging;

namespace Aquila.Matching.Index;

/// <summary>Log messages of the index (event ids 2100-2199). Counts and party codes only: never tokens or handles.</summary>
internal static partial class IndexLog
{
    [LoggerMessage(EventId = 2101, EventName = "BatchIndexed", Level = LogLevel.Debug,
        Message = "Indexed a batch of party {PartyCode}: {Records} records, {Tokens} tokens, {NewHits} new and {UpdatedHits} updated hits, {Suppressed} tokens suppressed for the party")]
    public static partial void BatchIndexed(ILogger logger, string partyCode, int records, int tokens, int newHits, int updatedHits, int suppressed);

    [LoggerMessage(EventId = 2102, EventName = "PartyRemoved", Level = LogLevel.Information,
        Message = "Removed the data set of party {PartyCode}: {WithdrawnHits} hits withdrawn")]
    public static partial void PartyRemoved(ILogger logger, string partyCode, int withdrawnHits);
}
