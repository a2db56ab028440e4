namespace Aquila.Coordination.Projects;

/// <summary>Data-subject categories a project may take records of (text forms in <see cref="DataSubjectCategoryText"/>).</summary>
public enum DataSubjectCategory
{
    /// <summary>A suspect.</summary>
    Suspect,

    /// <summary>A convicted person.</summary>
    Convicted,

    /// <summary>A person of interest (soft intelligence).</summary>
    PersonOfInterest,

    /// <summary>Any other category the legal basis allows.</summary>
    Other,
}
