namespace Aquila.Coordination.Audit;

/// <summary>
/// The kinds of audit entries the server writes. A kind is any 1–64 lower-case ASCII letters, digits, '.', '_' or '-'
/// starting with a letter; these constants keep the spelling in one place.
/// </summary>
public static class AuditKind
{
    /// <summary>A token batch was accepted (subject: batch id).</summary>
    public const string BatchAccepted = "batch.accepted";

    /// <summary>A party replaced its data set (subject: the replacing batch id; details: the withdrawn batch ids and counts).</summary>
    public const string DataSetReplaced = "dataset.replaced";

    /// <summary>A token batch was refused (subject: batch id; details: reason).</summary>
    public const string BatchRefused = "batch.refused";

    /// <summary>Hits were released to the parties (details: counts).</summary>
    public const string HitsReleased = "hits.released";

    /// <summary>A caller could not be authenticated (details: reason, certificate serial when one was presented).</summary>
    public const string AuthFailed = "auth.failed";

    /// <summary>An authenticated caller was denied an operation its role does not allow.</summary>
    public const string AuthDenied = "auth.denied";

    /// <summary>A matching project was created or changed (details: the changed fields or the new state).</summary>
    public const string ProjectChanged = "project.changed";

    /// <summary>A step of a project's key ceremony (details: step, party).</summary>
    public const string CeremonyStep = "ceremony.step";

    /// <summary>A hit/no-hit query against a list (details: counts, case reference id).</summary>
    public const string Query = "query";

    /// <summary>An analyst confirmed or rejected a hit (subject: hit id).</summary>
    public const string Feedback = "feedback";

    /// <summary>A project's data was purged on the server, or a node attested its purge.</summary>
    public const string Purge = "purge";

    /// <summary>A scanning pattern or another anomaly the server noticed.</summary>
    public const string Alert = "alert";

    /// <summary>A request was refused because a field is malformed (details: method, field, problem, a cut printable preview).</summary>
    public const string RequestRefused = "request.refused";
}
