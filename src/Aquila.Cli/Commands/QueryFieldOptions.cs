using System.CommandLine;
using Aquila.Tokens.Input;

namespace Aquila.Cli.Commands;

/// <summary>
/// The record fields of <c>aquila node query</c> given as options: a vehicle record from --plate, --country, --vin,
/// --make, --year, and the refusal of options of the other record type than the list holds.
/// </summary>
internal static class QueryFieldOptions
{
    /// <summary>The names of the options of <paramref name="options"/> that were given, or null when none was.</summary>
    public static IReadOnlyList<string>? Misplaced(ParseResult parse, IEnumerable<Option<string?>> options)
    {
        var given = options.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
        return given.Count > 0 ? given : null;
    }

    /// <summary>Why options of the other type cannot be used on list <paramref name="projectId"/>, and what can.</summary>
    public static string WrongTypeMessage(string projectId, RecordType listType, IReadOnlyList<string> misplaced) =>
        listType == RecordType.Vehicle
            ? $"List {projectId} holds vehicles: {string.Join(", ", misplaced)} describe(s) a person. "
                + "Ask about a vehicle with --plate, --country, --vin, --make, --year (or --input with vehicle columns)."
            : $"List {projectId} holds persons: {string.Join(", ", misplaced)} describe(s) a vehicle. "
                + "Ask about a person with --family, --given, --dob and the other person options (or --input with person columns).";

    /// <summary>The vehicle the options describe.</summary>
    public static VehicleRecord Vehicle(ParseResult parse, Dictionary<VehicleField, Option<string?>> fields)
    {
        string? Value(VehicleField field) => parse.GetValue(fields[field]) is { Length: > 0 } text ? text.Trim() : null;
        return new VehicleRecord
        {
            RecordId = "query",
            PlateNumber = Value(VehicleField.PlateNumber),
            RegistrationCountry = Value(VehicleField.RegistrationCountry),
            Vin = Value(VehicleField.Vin),
            Make = Value(VehicleField.Make),
            FirstRegistrationYear = Value(VehicleField.FirstRegistrationYear),
            SubjectCategory = "other",
            LineNumber = 0,
        };
    }
}
