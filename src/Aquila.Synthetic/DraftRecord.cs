namespace Aquila.Synthetic;

/// <summary>A record as a party wrote it, before it gets its record id and its place in the party's file.</summary>
internal sealed class DraftRecord
{
    public required SyntheticPerson Person { get; init; }

    public string? FamilyName { get; set; }

    public string? GivenName { get; set; }

    public string? FatherName { get; set; }

    public string? Sex { get; set; }

    public string? DateOfBirth { get; set; }

    public string? PlaceOfBirth { get; set; }

    public string? Nationality { get; set; }

    public string? DocumentNumber { get; set; }

    public string? NationalId { get; set; }

    public string? SubjectCategory { get; set; }

    public List<string> Variations { get; } = [];
}
