using Aquila.Tokens.Input;

namespace Aquila.Tokens.Tests.Input;

public sealed class PersonFieldNamesTests
{
    [Fact]
    public void Every_field_name_parses_back_to_its_field()
    {
        foreach (var field in PersonFieldNames.All)
        {
            Assert.True(PersonFieldNames.TryParse(PersonFieldNames.CanonicalName(field).ToUpperInvariant(), out var parsed));
            Assert.Equal(field, parsed);
        }
    }

    [Fact]
    public void All_lists_every_enum_value_once()
    {
        Assert.Equal(Enum.GetValues<PersonField>(), PersonFieldNames.All);
        Assert.Equal(PersonFieldNames.Count, PersonFieldNames.All.Count);
    }
}
