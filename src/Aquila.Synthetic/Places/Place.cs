namespace Aquila.Synthetic.Places;

/// <summary>A place of birth with its name in Gaj's Latin alphabet and in Albanian, and its JMBG region code.</summary>
/// <param name="Country">ISO alpha-2 code of the country the place is in today.</param>
/// <param name="Slavic">The name in Gaj's Latin alphabet (Priština).</param>
/// <param name="Albanian">The name in Albanian (Prishtinë).</param>
/// <param name="Region">The two-digit JMBG/EMBG region code, or -1 where none is issued.</param>
internal sealed record Place(string Country, string Slavic, string Albanian, int Region);
