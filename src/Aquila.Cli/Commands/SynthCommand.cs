using System.CommandLine;
using Aquila.Synthetic;
using Aquila.Synthetic.Vehicles;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila synth --out DIR --persons N --parties RS,BA,... --seed S</c>, or <c>--type vehicles --vehicles N</c>.</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for <PARTY>.csv, truth.csv and variations.csv.", Required = true };
        var persons = new Option<int>("--persons") { Description = "Persons to generate.", DefaultValueFactory = _ => 6000 };
        var parties = new Option<string>("--parties") { Description = "Party codes, comma-separated.", DefaultValueFactory = _ => "RS,BA,ME,MK,AL,XK" };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same files.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print what was written as JSON." };
        var type = new Option<string>("--type") { Description = "Record type: persons or vehicles.", DefaultValueFactory = _ => "persons" };
        type.AcceptOnlyFromAmong("persons", "person", "vehicles", "vehicle");
        var profile = new Option<string>("--profile")
        {
            Description = "Noise profile of person records: default, or harsh (about twice the year-only and missing dates, more Albanian "
                + "and Cyrillic renderings, compound and swapped names, typos, and transcription errors).",
            DefaultValueFactory = _ => "default",
        };
        profile.AcceptOnlyFromAmong("default", "harsh");
        var vehicles = new Option<int>("--vehicles") { Description = "With --type vehicles: vehicles to generate.", DefaultValueFactory = _ => 6000 };
        var command = new Command("synth", "Write realistic synthetic Western Balkan person (or vehicle) records per party, with the truth.")
        {
            output, persons, parties, seed, json, type, vehicles, profile,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(type) is "vehicles" or "vehicle")
            {
                return WriteVehicles(parse, output, vehicles, parties, seed, json);
            }

            SyntheticDataset data;
            try
            {
                data = SyntheticGenerator.Generate(new SynthOptions
                {
                    Persons = parse.GetValue(persons),
                    Seed = parse.GetValue(seed),
                    Parties = parse.GetValue(parties)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    Rates = parse.GetValue(profile) == "harsh" ? VariationRates.Harsh : VariationRates.Default,
                });
            }
            catch (ArgumentException e)
            {
                return CliConsole.Fail(ExitCodes.Usage, e.Message);
            }

            var directory = parse.GetValue(output)!.FullName;
            SyntheticDatasetWriter.Write(data, directory);
            if (parse.GetValue(json))
            {
                CliConsole.WriteJson(new
                {
                    Directory = directory, Records = data.Truth.Count, Persons = data.PersonCount, Parties = data.Parties.ToArray(),
                    Files = data.Parties.Select(SyntheticDatasetWriter.PartyFileName).ToArray(),
                    Truth = SyntheticDatasetWriter.TruthFileName, Variations = SyntheticDatasetWriter.VariationsFileName,
                });
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine($"Wrote {data.Truth.Count:N0} records of {data.PersonCount:N0} persons for {data.Parties.Count} parties to {directory} "
                + $"(plus {SyntheticDatasetWriter.TruthFileName} and {SyntheticDatasetWriter.VariationsFileName}).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int WriteVehicles(ParseResult parse, Option<DirectoryInfo> output, Option<int> vehicles, Option<string> parties,
        Option<int> seed, Option<bool> json)
    {
        SyntheticVehicleDataset data;
        try
        {
            data = VehicleGenerator.Generate(new VehicleSynthOptions
            {
                Vehicles = parse.GetValue(vehicles),
                Seed = parse.GetValue(seed),
                Parties = parse.GetValue(parties)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            });
        }
        catch (ArgumentException e)
        {
            return CliConsole.Fail(ExitCodes.Usage, e.Message);
        }

        var directory = parse.GetValue(output)!.FullName;
        VehicleDatasetWriter.Write(data, directory);
        if (parse.GetValue(json))
        {
            CliConsole.WriteJson(new
            {
                Directory = directory, Records = data.Truth.Count, Vehicles = data.VehicleCount, Parties = data.Parties.ToArray(),
                Files = data.Parties.Select(SyntheticDatasetWriter.PartyFileName).ToArray(),
                Truth = SyntheticDatasetWriter.TruthFileName, Variations = SyntheticDatasetWriter.VariationsFileName,
            });
            return ExitCodes.Ok;
        }

        Console.Out.WriteLine($"Wrote {data.Truth.Count:N0} records of {data.VehicleCount:N0} vehicles for {data.Parties.Count} parties to {directory} "
            + $"(plus {SyntheticDatasetWriter.TruthFileName} and {SyntheticDatasetWriter.VariationsFileName}); match them with --schema "
            + "src/Aquila.Tokens/Schema/vehicles-v1.json.");
        return ExitCodes.Ok;
    }
}
