using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Aquila.Coordination.Audit;

/// <summary>
/// A point of the chain: an entry's sequence number and hash. The server returns the head with every receipt; nodes
/// keep the heads they received so <c>aquila audit verify --heads</c> can prove the chain still contains them.
/// </summary>
/// <param name="Sequence">Sequence number of the entry (1-based); 0 with <see cref="AuditHash.Zero"/> is the empty chain.</param>
/// <param name="Hash">Hash of that entry.</param>
public readonly record struct AuditHead(long Sequence, AuditHash Hash)
{
    /// <summary>The head of an empty chain: sequence 0, zero hash.</summary>
    public static AuditHead Empty => default;

    /// <summary>Text form <c>"&lt;sequence&gt; &lt;64 hex digits&gt;"</c>, one line of a heads file.</summary>
    public override string ToString() => Sequence.ToString(CultureInfo.InvariantCulture) + " " + Hash.ToString();

    /// <summary>Parses the text form written by <see cref="ToString"/> (a space or a colon between the two parts).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out AuditHead head)
    {
        head = default;
        if (text is null)
        {
            return false;
        }

        var trimmed = text.AsSpan().Trim();
        var split = trimmed.IndexOfAny(' ', ':');
        if (split <= 0
            || !long.TryParse(trimmed[..split], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || !AuditHash.TryParse(trimmed[(split + 1)..].TrimStart(), out var hash))
        {
            return false;
        }

        head = new AuditHead(sequence, hash);
        return true;
    }

    /// <summary>Parses the text form written by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">The text is not a sequence number and a 64-digit hex hash.</exception>
    public static AuditHead Parse(string text) =>
        TryParse(text, out var head)
            ? head
            : throw new FormatException("An audit head is a sequence number and a 64-digit hex hash, e.g. \"42 9f86d0…\".");
}
