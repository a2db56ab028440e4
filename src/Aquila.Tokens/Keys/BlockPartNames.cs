using Aquila.Tokens.Input;

namespace Aquila.Tokens.Keys;

/// <summary>Schema names of <see cref="BlockPart"/> values and what each may do alone (DESIGN §2, §3).</summary>
public static class BlockPartNames
{
    private static readonly string[] Names =
    [
        "given", "family", "father", "given_skeleton", "family_skeleton", "father_skeleton", "name_skeleton", "initials",
        "family_initial", "dob", "year", "place", "national_id", "document", "sex", "postcode", "locality",
        "vin", "vin_head", "vin_tail", "plate", "registration_country", "make", "vin_tail_front", "vin_tail_back",
    ];

    private static readonly BlockPart[] VehicleParts =
        [BlockPart.Vin, BlockPart.VinHead, BlockPart.VinTail, BlockPart.Plate, BlockPart.RegistrationCountry, BlockPart.Make, BlockPart.Year,
            BlockPart.VinTailFront, BlockPart.VinTailBack];

    private static readonly BlockPart[] PersonParts = [.. Enumerable.Range(0, (int)BlockPart.Locality + 1).Select(p => (BlockPart)p)];

    /// <summary>Every name, in <see cref="BlockPart"/> order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The schema name of <paramref name="part"/>.</summary>
    public static string Name(BlockPart part) => Names[(int)part];

    /// <summary>Finds the part named <paramref name="name"/>.</summary>
    public static bool TryParse(string? name, out BlockPart part)
    {
        var index = Array.IndexOf(Names, name);
        part = (BlockPart)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>The parts a block of <paramref name="type"/> records may use, in <see cref="BlockPart"/> order.</summary>
    public static IReadOnlyList<BlockPart> Of(RecordType type) => type == RecordType.Vehicle ? VehicleParts : PersonParts;

    /// <summary>True when a block of <paramref name="type"/> records may use <paramref name="part"/>.</summary>
    public static bool Fits(BlockPart part, RecordType type) => Array.IndexOf(type == RecordType.Vehicle ? VehicleParts : PersonParts, part) >= 0;

    /// <summary>
    /// True for a part that can carry a block: a name (or its skeleton), an identifier, or the full date. The others
    /// (sex, year, place, initials, address parts) hold too many records each and only narrow a block. For vehicles: the
    /// VIN, its serial half or the plate; the VIN's head (a model), the make and the country only narrow.
    /// </summary>
    public static bool Distinguishes(BlockPart part) => part is BlockPart.Given or BlockPart.Family or BlockPart.Father
        or BlockPart.GivenSkeleton or BlockPart.FamilySkeleton or BlockPart.FatherSkeleton or BlockPart.NameSkeleton
        or BlockPart.NationalId or BlockPart.Document or BlockPart.Dob
        or BlockPart.Vin or BlockPart.VinTail or BlockPart.Plate;

    /// <summary>
    /// True when <paramref name="parts"/> can carry a block: one part that <see cref="Distinguishes"/>, or the VIN's head
    /// with a quarter of its tail (<c>vin_tail_front</c> or <c>vin_tail_back</c>), which together hold 12 of its 16
    /// characters besides the check digit: a model's serial range, not a model.
    /// </summary>
    public static bool Distinguish(IReadOnlyCollection<BlockPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts.Any(Distinguishes)
            || (parts.Contains(BlockPart.VinHead) && (parts.Contains(BlockPart.VinTailFront) || parts.Contains(BlockPart.VinTailBack)));
    }
}
