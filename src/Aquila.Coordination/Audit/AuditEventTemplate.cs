namespace Aquila.Coordination.Audit;

/// <summary>
/// The fields that many audit events share — kind, actor, project and common details — checked once, so that each event
/// made from it checks only its own subject and details. A bulk check makes one per chunk and one event per person from
/// it. The events are exactly those <see cref="AuditEvent"/>'s constructor makes from the same fields (same checks, same
/// order of details), so their entries encode and hash alike. Thread-safe.
/// </summary>
public sealed class AuditEventTemplate
{
    private readonly AuditEvent _common;
    private readonly KeyValuePair<string, string>[] _commonPairs;

    /// <summary>Checks the shared fields as <see cref="AuditEvent"/>'s constructor does.</summary>
    /// <exception cref="ArgumentException">A field is empty, too long, not well-formed UTF-16, or a key is not allowed.</exception>
    public AuditEventTemplate(string kind, AuditActor actor, string? projectId, IEnumerable<KeyValuePair<string, string>>? commonDetails)
    {
        _common = new AuditEvent(kind, actor, projectId, subject: null, commonDetails);
        _commonPairs = ((AuditDetails)_common.Details).Pairs.ToArray();
    }

    /// <summary>The number of common details.</summary>
    public int CommonCount => _commonPairs.Length;

    /// <summary>
    /// An event of the template's kind, actor and project with <paramref name="subject"/> and the common details together
    /// with <paramref name="details"/> (which are checked here, in any order).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The subject or a detail breaks <see cref="AuditEvent"/>'s rules, a key repeats a common one or another, or there
    /// are more than <see cref="AuditEvent.MaxDetails"/> details in all.
    /// </exception>
    public AuditEvent Create(string? subject, ReadOnlySpan<KeyValuePair<string, string>> details)
    {
        AuditEvent.CheckText(subject, AuditEvent.MaxSubjectLength, "subject", nameof(subject), allowEmpty: false);
        var total = _commonPairs.Length + details.Length;
        if (total > AuditEvent.MaxDetails)
        {
            throw new ArgumentException($"An audit event carries at most {AuditEvent.MaxDetails} details.", nameof(details));
        }

        // The event's own details, checked and sorted (a handful: insertion sort), then merged with the sorted common ones.
        var own = new KeyValuePair<string, string>[details.Length];
        for (var i = 0; i < details.Length; i++)
        {
            var (key, value) = details[i];
            AuditEvent.CheckDetail(key, value, nameof(details));
            var j = i;
            while (j > 0 && string.CompareOrdinal(own[j - 1].Key, key) > 0)
            {
                own[j] = own[j - 1];
                j--;
            }

            own[j] = details[i];
        }

        var pairs = new KeyValuePair<string, string>[total];
        var (c, o, n) = (0, 0, 0);
        while (c < _commonPairs.Length || o < own.Length)
        {
            var order = c == _commonPairs.Length ? 1 : o == own.Length ? -1 : string.CompareOrdinal(_commonPairs[c].Key, own[o].Key);
            if (order == 0 || (n > 0 && order > 0 && string.Equals(pairs[n - 1].Key, own[o].Key, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"Audit detail key \"{own[o].Key}\" appears twice.", nameof(details));
            }

            pairs[n++] = order < 0 ? _commonPairs[c++] : own[o++];
        }

        return new AuditEvent(_common.Kind, _common.Actor, _common.ProjectId, subject, AuditDetails.FromSorted(pairs));
    }
}
