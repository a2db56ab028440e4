namespace Aquila.Tokens;

/// <summary>The data-subject category a record is held under (data-protection law asks for it).</summary>
public enum SubjectCategory : byte
{
    /// <summary>None of the others, or not given.</summary>
    Other = 0,

    /// <summary>Suspected of an offence.</summary>
    Suspect = 1,

    /// <summary>Convicted of an offence.</summary>
    Convicted = 2,

    /// <summary>A person of interest (e.g. a contact or a potential witness).</summary>
    PersonOfInterest = 3,
}
