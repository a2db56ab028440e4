using System.ComponentModel.DataAnnotations;

namespace Aquila.Coordination.Projects;

/// <summary>Options of the <see cref="ProjectStore"/>.</summary>
public sealed class ProjectStoreOptions
{
    /// <summary>The SQLite database file of the projects; created with its directory when missing.</summary>
    [Required]
    public string DatabasePath { get; set; } = "";

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException("ProjectStoreOptions.DatabasePath must name the project database file.", nameof(DatabasePath));
        }
    }
}
