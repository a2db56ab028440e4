namespace Aquila.Synthetic.Vehicles;

/// <summary>One true vehicle: the facts every party's record of it is rendered from.</summary>
internal sealed record SyntheticVehicle(string Id, string Plate, string Country, string Vin, string Make, string Model, string Colour,
    int Year, bool ReissuedPlate)
{
    /// <summary>Indexes of the parties holding a record of the vehicle.</summary>
    public int[] Parties { get; set; } = [];
}
