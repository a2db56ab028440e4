using System.ComponentModel.DataAnnotations;

namespace Aquila.Server.Options;

/// <summary>
/// How batch uploads are received, bound from "Server:Uploads". An upload is spooled to a file in the data directory
/// (not held in memory) until it is complete; the caps bound the disk, memory and connections one certificate can tie up.
/// </summary>
public sealed class UploadOptions
{
    /// <summary>Uploads one party may have in progress at once; more are refused with RESOURCE_EXHAUSTED.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentPerParty { get; set; } = 2;

    /// <summary>Uploads all parties together may have in progress at once; more are refused with RESOURCE_EXHAUSTED.</summary>
    [Range(1, 4096)]
    public int MaxConcurrent { get; set; } = 8;

    /// <summary>An upload with no message for this long is abandoned (refused, audited, its spool file removed).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Folder inside the data directory for upload spool files; emptied at start (left over by a crash).</summary>
    [Required]
    public string SpoolFolder { get; set; } = "uploads";
}
