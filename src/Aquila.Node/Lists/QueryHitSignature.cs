using System.Security.Cryptography.X509Certificates;
using Aquila.Protocol.V1;
using Aquila.Security.Lists;

namespace Aquila.Node.Lists;

/// <summary>
/// What a contributor's node makes of the signed query that comes with a query hit: the officer who asked and whether
/// the querying party's node signature holds, checked here against the node's own CA, without trusting the server.
/// </summary>
/// <param name="OfficerId">The querying officer's id as signed, or null when the notification carries no signed query.</param>
/// <param name="Problem">Null when the signature holds; otherwise what failed.</param>
public sealed record QueryHitSignature(string? OfficerId, string? Problem)
{
    /// <summary>True when the notification carried a signed query whose signature holds.</summary>
    public bool Verified => OfficerId is not null && Problem is null;

    /// <summary>Checks a query hit's signed query; duplicates carry none.</summary>
    public static QueryHitSignature? Check(ListHitEvent hit, X509Certificate2 authority, string projectId)
    {
        ArgumentNullException.ThrowIfNull(hit);
        if (hit.Kind != ListHitKind.Query)
        {
            return null;
        }

        if (hit.SignedQuery.IsEmpty)
        {
            return new QueryHitSignature(null, "the notification carries no signed query");
        }

        SignedQuery signed;
        try
        {
            signed = SignedQuery.Decode(hit.SignedQuery.Span);
        }
        catch (InvalidDataException e)
        {
            return new QueryHitSignature(null, e.Message);
        }

        // The signed fields must be the ones the notification states, or the server swapped them.
        var problem = signed.ProjectId != projectId || signed.CaseReference != hit.CaseReference
            ? "the signed query names another project or case than the notification"
            : signed.Verify(authority, hit.OtherParty);
        return new QueryHitSignature(signed.OfficerId, problem);
    }
}
