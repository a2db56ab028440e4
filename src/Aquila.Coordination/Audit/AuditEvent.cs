namespace Aquila.Coordination.Audit;

/// <summary>
/// What the server asks the chain to record; <see cref="AuditChain"/> adds the sequence number, timestamp and hashes.
/// Entries hold hit ids, batch ids, counts, party codes, project ids, certificate serials and fingerprints, reasons —
/// never handles, tokens or person data: the server decides what goes in, this type only bounds the size.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>Most detail entries an event may carry.</summary>
    public const int MaxDetails = 32;

    /// <summary>Longest detail key, kind: 64 characters.</summary>
    public const int MaxKeyLength = 64;

    /// <summary>Longest detail value: 512 characters.</summary>
    public const int MaxValueLength = 512;

    /// <summary>Longest project id: 128 characters.</summary>
    public const int MaxProjectIdLength = 128;

    /// <summary>Longest subject: 256 characters.</summary>
    public const int MaxSubjectLength = 256;

    /// <summary>Creates an event, checking every field.</summary>
    /// <param name="kind">The kind, e.g. <see cref="AuditKind.BatchAccepted"/>.</param>
    /// <param name="actor">Who caused it.</param>
    /// <param name="projectId">The matching project or list concerned, if any.</param>
    /// <param name="subject">What it is about, e.g. a batch id or hit id in hex, if anything.</param>
    /// <param name="details">Further facts: keys of ASCII letters, digits, '.', '_', '-'; at most 32 entries of 512 characters.</param>
    /// <exception cref="ArgumentException">A field is empty, too long, not well-formed UTF-16, or a key is not allowed.</exception>
    public AuditEvent(
        string kind,
        AuditActor actor,
        string? projectId = null,
        string? subject = null,
        IEnumerable<KeyValuePair<string, string>>? details = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(actor);
        if (!IsValidKind(kind))
        {
            throw new ArgumentException(
                $"Audit kind \"{kind}\" is not allowed: use 1–{MaxKeyLength} lower-case ASCII letters, digits, '.', '_' or '-', "
                + "starting with a letter.",
                nameof(kind));
        }

        CheckText(projectId, MaxProjectIdLength, "project id", nameof(projectId), allowEmpty: false);
        CheckText(subject, MaxSubjectLength, "subject", nameof(subject), allowEmpty: false);
        Kind = kind;
        Actor = actor;
        ProjectId = projectId;
        Subject = subject;
        Details = details is null ? AuditDetails.Empty : CheckedDetails(details);
    }

    // Fields checked already (by AuditEventTemplate): taken as they are.
    internal AuditEvent(string kind, AuditActor actor, string? projectId, string? subject, AuditDetails details)
    {
        Kind = kind;
        Actor = actor;
        ProjectId = projectId;
        Subject = subject;
        Details = details;
    }

    /// <summary>The kind, e.g. <c>batch.accepted</c>.</summary>
    public string Kind { get; }

    /// <summary>Who caused it.</summary>
    public AuditActor Actor { get; }

    /// <summary>The project or list concerned, or null.</summary>
    public string? ProjectId { get; }

    /// <summary>What it is about (batch id, hit id, ...), or null.</summary>
    public string? Subject { get; }

    /// <summary>Further facts; enumerates in ordinal key order.</summary>
    public IReadOnlyDictionary<string, string> Details { get; }

    /// <summary>True when <paramref name="kind"/> is 1–64 of [a-z0-9._-] starting with a letter.</summary>
    public static bool IsValidKind(string? kind)
    {
        if (string.IsNullOrEmpty(kind) || kind.Length > MaxKeyLength || !char.IsAsciiLetterLower(kind[0]))
        {
            return false;
        }

        foreach (var c in kind)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="key"/> is 1–64 of [A-Za-z0-9._-].</summary>
    public static bool IsValidDetailKey(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static AuditDetails CheckedDetails(IEnumerable<KeyValuePair<string, string>> details)
    {
        // One array for the event: sized up front when the count is known (an array or list of pairs), grown otherwise.
        var pairs = new KeyValuePair<string, string>[details is IReadOnlyCollection<KeyValuePair<string, string>> known
            ? Math.Min(known.Count, MaxDetails + 1)
            : 8];
        var count = 0;
        foreach (var (key, value) in details)
        {
            CheckDetail(key, value, nameof(details));
            if (count == MaxDetails)
            {
                throw new ArgumentException($"An audit event carries at most {MaxDetails} details.", nameof(details));
            }

            if (count == pairs.Length)
            {
                Array.Resize(ref pairs, Math.Min(pairs.Length * 2, MaxDetails));
            }

            pairs[count++] = new(key, value);
        }

        if (count < pairs.Length)
        {
            Array.Resize(ref pairs, count);
        }

        return AuditDetails.TryCreate(pairs, out var checkedDetails, out var duplicate)
            ? checkedDetails
            : throw new ArgumentException($"Audit detail key \"{duplicate}\" appears twice.", nameof(details));
    }

    // One detail's key and value (also for AuditEventTemplate). The key is a field name chosen by the server, never data,
    // so it may appear in the message.
    internal static void CheckDetail(string key, string? value, string parameterName)
    {
        if (!IsValidDetailKey(key))
        {
            throw new ArgumentException(
                $"Audit detail key \"{key}\" is not allowed: use 1–{MaxKeyLength} ASCII letters, digits, '.', '_' or '-'.",
                parameterName);
        }

        if (value is null)
        {
            throw new ArgumentException($"Audit detail \"{key}\" has no value; leave the key out instead.", parameterName);
        }

        CheckText(value, MaxValueLength, $"detail \"{key}\"", parameterName, allowEmpty: true);
    }

    // Values are never echoed: the message names the field and its length only.
    internal static void CheckText(string? text, int maxLength, string what, string parameterName, bool allowEmpty)
    {
        if (text is null)
        {
            return;
        }

        if (text.Length == 0 && !allowEmpty)
        {
            throw new ArgumentException($"The audit {what} is empty; pass null when there is none.", parameterName);
        }

        if (text.Length > maxLength)
        {
            throw new ArgumentException(
                $"The audit {what} is {text.Length} characters long; the limit is {maxLength}.", parameterName);
        }

        if (!IsWellFormedUtf16(text))
        {
            // A lone surrogate has no UTF-8 form, so the canonical encoding could not represent it faithfully.
            throw new ArgumentException($"The audit {what} contains a lone UTF-16 surrogate.", parameterName);
        }
    }

    internal static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
