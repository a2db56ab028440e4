namespace Aquila.Protocol;

/// <summary>
/// The trailer of a refused ChangeEntries call that names the entry the list could not take: its 1-based place in the
/// change, as the node sent it. The server knows no record ids; the node turns the place back into its own record id.
/// </summary>
public static class ListEntryTrailer
{
    /// <summary>The trailer's key (gRPC metadata keys are lower case).</summary>
    public const string Name = "aquila-list-entry";
}
