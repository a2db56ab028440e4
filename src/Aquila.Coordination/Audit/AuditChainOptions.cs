using System.ComponentModel.DataAnnotations;

namespace Aquila.Coordination.Audit;

/// <summary>Options of the <see cref="AuditChain"/>.</summary>
public sealed class AuditChainOptions
{
    /// <summary>The SQLite database file of the chain; created with its directory when missing.</summary>
    [Required]
    public string DatabasePath { get; set; } = "";

    /// <summary>Most entries committed in one transaction. Appends waiting beyond this go into the next one.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 1024;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException("AuditChainOptions.DatabasePath must name the audit database file.", nameof(DatabasePath));
        }

        if (MaxBatchSize is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxBatchSize), MaxBatchSize, "AuditChainOptions.MaxBatchSize must be between 1 and 100000.");
        }
    }
}
