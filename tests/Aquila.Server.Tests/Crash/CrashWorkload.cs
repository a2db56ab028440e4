using System.Globalization;

namespace Aquila.Server.Tests.Crash;

/// <summary>
/// Synthetic CSV rows for the crash tests: a pool of persons, each party holding a random part of it (so many persons
/// are held by two or three parties and give hits), split into small batches. A person appears at most once per
/// party, so no token comes near the fanout limit and the final hits do not depend on the order batches arrive in.
/// Person 0 carries <see cref="Canary"/> as family name at every party.
/// </summary>
public static class CrashWorkload
{
    /// <summary>A family name no real output contains: if it shows up in the server's output, personal data leaked.</summary>
    public const string Canary = "Zyxqvorthian";

    private static readonly string[] Families =
    [
        "Petrović", "Jovanović", "Nikolić", "Marković", "Đorđević", "Stojanović", "Ilić", "Stanković", "Pavlović", "Milošević",
        "Hodžić", "Hadžić", "Kovačević", "Babić", "Delić", "Begić", "Mehmedović", "Salihović", "Krasniqi", "Berisha",
        "Hoxha", "Gashi", "Shala", "Morina", "Vujović", "Radović", "Popović", "Vukčević", "Šćekić", "Bulatović",
        "Trajkovski", "Stojanovski", "Nikolovski", "Dimitrovski", "Ristovski", "Janković", "Tomić", "Lukić", "Kostić", "Savić",
    ];

    private static readonly string[] MaleGiven =
    [
        "Marko", "Nikola", "Stefan", "Luka", "Milan", "Dragan", "Zoran", "Emir", "Amar", "Besnik", "Arben", "Dritan",
        "Petar", "Jovan", "Aleksandar", "Goran", "Haris", "Edin", "Ilir", "Agim",
    ];

    private static readonly string[] FemaleGiven =
    [
        "Ana", "Milica", "Jelena", "Marija", "Emina", "Amra", "Lejla", "Besa", "Drita", "Arta", "Ivana", "Sanja",
        "Vesna", "Dragana", "Selma", "Teuta",
    ];

    private static readonly string[] Places =
    [
        "Beograd", "Niš", "Novi Sad", "Sarajevo", "Mostar", "Tuzla", "Podgorica", "Nikšić", "Skopje", "Bitola", "Priština", "Tirana",
    ];

    /// <summary>The parties of the crash project, in roster order.</summary>
    public static readonly string[] Parties = ["RS", "BA", "ME"];

    /// <summary>
    /// For each party (in <see cref="Parties"/> order), <paramref name="batchesPerParty"/> batches of 5–20 CSV rows in
    /// the format of <see cref="TestRecords.Header"/>. Deterministic for a <paramref name="seed"/>.
    /// </summary>
    public static string[][][] Create(int seed, int batchesPerParty)
    {
        var random = new Random(seed);
        var sizes = new int[Parties.Length][];
        var total = 0;
        for (var p = 0; p < Parties.Length; p++)
        {
            sizes[p] = new int[batchesPerParty];
            for (var b = 0; b < batchesPerParty; b++)
            {
                sizes[p][b] = random.Next(5, 21);
                total += sizes[p][b];
            }
        }

        // Each party holds about two thirds of the pool: ~44 % of persons are shared by a given pair of parties.
        var persons = Persons(random, total / Parties.Length * 3 / 2);
        var result = new string[Parties.Length][][];
        for (var p = 0; p < Parties.Length; p++)
        {
            var held = Shuffled(random, persons.Length);
            // Person 0 (the canary) is held by every party, in its first batch.
            var at = Array.IndexOf(held, 0);
            (held[0], held[at]) = (held[at], held[0]);
            var next = 0;
            result[p] = new string[batchesPerParty][];
            for (var b = 0; b < batchesPerParty; b++)
            {
                var rows = new string[sizes[p][b]];
                for (var r = 0; r < rows.Length; r++)
                {
                    var person = held[next++];
                    rows[r] = Row(Parties[p], p, person, persons[person]);
                }

                result[p][b] = rows;
            }
        }

        return result;
    }

    private static Person[] Persons(Random random, int count)
    {
        var persons = new Person[count];
        var seen = new HashSet<(string, string, DateOnly)>();
        for (var i = 0; i < count; i++)
        {
            Person person;
            do
            {
                var male = random.Next(2) == 0;
                var given = male ? MaleGiven[random.Next(MaleGiven.Length)] : FemaleGiven[random.Next(FemaleGiven.Length)];
                person = new Person(
                    i == 0 ? Canary : Families[random.Next(Families.Length)],
                    given,
                    MaleGiven[random.Next(MaleGiven.Length)],
                    male ? "M" : "Ž",
                    new DateOnly(1950, 1, 1).AddDays(random.Next(365 * 50)),
                    Places[random.Next(Places.Length)]);
            }
            while (!seen.Add((person.Family, person.Given, person.Birth)));

            persons[i] = person;
        }

        return persons;
    }

    private static int[] Shuffled(Random random, int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        return order;
    }

    // Each party writes dates its own way, as real exports do.
    private static string Row(string party, int partyNumber, int person, Person p)
    {
        var date = partyNumber switch
        {
            0 => p.Birth.ToString("dd.MM.yyyy.", CultureInfo.InvariantCulture),
            1 => p.Birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => p.Birth.ToString("d.M.yyyy", CultureInfo.InvariantCulture),
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{party}-{person},{p.Family},{p.Given},{p.Father},{p.Sex},{date},{p.Place},,,,suspect");
    }

    private sealed record Person(string Family, string Given, string Father, string Sex, DateOnly Birth, string Place);
}
