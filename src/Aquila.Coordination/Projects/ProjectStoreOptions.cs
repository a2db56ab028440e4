using System.ComponentModel.DataAnnotations;

namespace Aquila.Coordination.Projects;

/// <summary>Options of the <see cref="ProjectStore"/>.</summary>
public sealed class ProjectStoreOptions
{
    /// <summary>The SQLite database file of the projects; created with its directory when missing.</summary>
    [Required]
    public string DatabasePath { get; set; } = "";

    /// <summary>
    /// Ids no coordinated project may take: the host's configuration-declared (dry-run) projects. Such a project releases
    /// hits as batches arrive, so a coordinated project of the same id would be shadowed by it and leak hits before
    /// Matching (issue 17).
    /// </summary>
    public ICollection<string> ReservedProjectIds { get; } = new HashSet<string>(StringComparer.Ordinal);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException("ProjectStoreOptions.DatabasePath must name the project database file.", nameof(DatabasePath));
        }
    }
}
