namespace Aquila.Server.Lists;

/// <summary>Why a list query was refused: the fixed reason codes of <c>aquila_list_query_refusals_total</c>.</summary>
internal static class QueryRefusalReason
{
    public const string CaseReference = "case-reference";
    public const string OfficerId = "officer-id";
    public const string Schema = "schema";
    public const string Tokens = "tokens";
    public const string Clock = "clock";
    public const string Signature = "signature";
    public const string Nonce = "nonce";
    public const string Quota = "quota";
    public const string Limits = "limits";
}
