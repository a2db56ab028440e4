using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Input;

/// <summary>An opening quote that is never closed costs only its own row.</summary>
public sealed class CsvResynchronisationProperties
{
    private static readonly Gen<string> Name =
        Gen.ArrayOf(Gen.Elements("a", "b", "Č", "Ж", " ", "-"), 1).Select(string.Concat)
            .SelectMany(head => Gen.ArrayOf(Gen.Elements("a", "ž", "Ђ", " ")).Select(tail => "n" + head + string.Concat(tail)));

    private static readonly Gen<(string[] Names, int Broken, string LineBreak)> Files =
        from names in Gen.NonEmptyListOf(Name).Select(list => list.ToArray())
        from broken in Gen.Choose(0, names.Length - 1)
        from lineBreak in Gen.Elements("\n", "\r\n")
        select (names, broken, lineBreak);

    [FsCheck.Xunit.Property]
    public Property Every_row_but_the_one_with_the_unclosed_quote_is_read() =>
        Prop.ForAll(Files.ToArbitrary(), file =>
        {
            var csv = new StringBuilder("record_id,family_name,given_name").Append(file.LineBreak);
            for (var i = 0; i < file.Names.Length; i++)
            {
                var family = i == file.Broken ? "\"" + file.Names[i] : file.Names[i];
                csv.Append(i).Append(',').Append(family).Append(',').Append(file.Names[i]).Append(file.LineBreak);
            }

            var outline = CsvTestInput.Outline(csv.ToString());

            var expected = new List<string>();
            for (var i = 0; i < file.Names.Length; i++)
            {
                expected.Add(i == file.Broken ? $"E:family_name@{i + 2}" : $"R:{i}@{i + 2}");
            }

            return outline.SequenceEqual(expected);
        });
}
