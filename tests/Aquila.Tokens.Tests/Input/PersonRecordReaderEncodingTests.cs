using Aquila.Tokens.Input;

namespace Aquila.Tokens.Tests.Input;

public sealed class PersonRecordReaderEncodingTests
{
    [Fact]
    public void A_windows_1250_file_decodes_the_latin_letters_of_the_region()
    {
        var bytes = TextEncodings.Resolve("windows-1250").GetBytes("record_id,family_name,given_name\n1,Čolić Šarić,Žižek Đurđa Ćuk\n");

        using var reader = CsvTestInput.Open(bytes, encoding: "windows-1250");
        var (records, _) = CsvTestInput.ReadAll(reader);

        var r = Assert.Single(records);
        Assert.Equal(("Čolić Šarić", "Žižek Đurđa Ćuk"), (r.FamilyName, r.GivenName));
    }

    [Fact]
    public void A_windows_1251_file_decodes_serbian_and_macedonian_cyrillic()
    {
        var bytes = TextEncodings.Resolve("windows-1251").GetBytes("record_id,family_name,given_name\n1,Ђорђевић Љубичић,Њежана Џевад Ѓорѓи Ќосе Ѕвонко\n");

        using var reader = CsvTestInput.Open(bytes, encoding: "cp1251");
        var (records, _) = CsvTestInput.ReadAll(reader);

        var r = Assert.Single(records);
        Assert.Equal(("Ђорђевић Љубичић", "Њежана Џевад Ѓорѓи Ќосе Ѕвонко"), (r.FamilyName, r.GivenName));
    }

    [Fact]
    public void A_windows_1250_file_read_as_utf8_is_refused_naming_the_line()
    {
        var bytes = TextEncodings.Resolve("windows-1250").GetBytes("record_id,family_name\n1,Ana\n2,Čolić\n");

        using var reader = CsvTestInput.Open(bytes);

        var ex = Assert.Throws<InputFormatException>(() => CsvTestInput.ReadAll(reader));

        Assert.Equal(3, ex.LineNumber);
    }
}
