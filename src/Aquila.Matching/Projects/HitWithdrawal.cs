using Aquila.Matching.Index;

namespace Aquila.Matching.Projects;

/// <summary>A hit about to be withdrawn, with both records' handles read before the replaced party's handles are cleared.</summary>
internal readonly record struct HitWithdrawal(Hit Hit, RecordHandle HandleA, RecordHandle HandleB);
