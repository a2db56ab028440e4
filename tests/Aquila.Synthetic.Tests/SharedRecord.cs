using Aquila.Tokens.Input;

namespace Aquila.Synthetic.Tests;

/// <summary>A record of a shared person with the person's truth and the record's variations.</summary>
internal sealed record SharedRecord(string Party, PersonRecord Record, SyntheticPerson Person, HashSet<string> Variations)
{
    public bool Has(string variation) => Variations.Contains(variation);
}
