using StackExchange.Redis;

namespace Aquila.Matching.Redis;

/// <summary>
/// The Redis key names of one project in the log layout: all under the project's own hash tag (<c>aq:{P}:…</c>), so the
/// append and read scripts touch one Cluster slot. The definition, layout and wrapped data key have the same names as in
/// the postings layout (<see cref="RedisProjectKeys"/>), so a project is in one layout only and a purge finds either.
/// </summary>
internal sealed class RedisLogKeys
{
    /// <summary>The value of the layout key for a project kept as a replicated log.</summary>
    public const string LayoutVersion = "log1";

    public RedisLogKeys(string prefix, string projectId)
    {
        RequireKeySafe(prefix);
        RequireKeySafe(projectId);
        Definition = $"{prefix}:{{{projectId}}}:def";
        Layout = $"{prefix}:{{{projectId}}}:layout";
        DataKey = $"{prefix}:{{{projectId}}}:dk";
        Log = $"{prefix}:{{{projectId}}}:log";
    }

    /// <summary>The project definition (encoded), written once with SET NX.</summary>
    public RedisKey Definition { get; }

    /// <summary>The layout the project is stored in (<see cref="LayoutVersion"/>), set with the definition.</summary>
    public RedisKey Layout { get; }

    /// <summary>The project's data key wrapped under the key derived from K_server; deleting it crypto-shreds the project.</summary>
    public RedisKey DataKey { get; }

    /// <summary>The project's ordered log of submissions: a stream, one entry per batch (field <c>e</c>, sealed).</summary>
    public RedisKey Log { get; }

    // Key names hold project id and prefix; these characters are never a hash-tag brace or a SCAN glob.
    private static void RequireKeySafe(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                throw new ArgumentException(
                    $"'{value}' cannot be part of a Redis key name here: use ASCII letters, digits, '.', '_' and '-' only.", nameof(value));
            }
        }
    }
}
