using Aquila.Synthetic.Names;
using Aquila.Synthetic.Places;

namespace Aquila.Synthetic.Rendering;

/// <summary>Writes a person's record the way one party's export would, logging every variation it applies.</summary>
internal sealed class RecordWriter(SeededRandom random, VariationRates rates)
{
    private static readonly string[] Categories = ["suspect", "person_of_interest", "convicted", "other"];

    public DraftRecord Write(SyntheticPerson person, PartyConvention party)
    {
        var draft = new DraftRecord { Person = person };
        var log = draft.Variations;
        var style = party.PickStyle(random, rates);
        var keepAlbanian = random.Chance(party.KeepAlbanian);
        var dAsD = random.Chance(0.3);
        var cyrillic = style is NameStyle.SerbianCyrillic or NameStyle.MacedonianCyrillic;

        var family = Spelling(person.Family, log);
        var given = Spelling(person.Given, log);
        var father = Spelling(person.Father, log);
        // Only Arabic family names vary; Albanian family names such as Hasani are fixed forms.
        var familyVaries = person.Family.Origin == NameOrigin.Foreign;
        var familyOrigin = person.Family.Origin;
        var givenOrigin = person.Given.Origin;
        if (random.Chance(rates.TransliterationVariant) &&
            ((familyVaries && Vary(ref family, ref familyOrigin, person.Family)) | Vary(ref given, ref givenOrigin, person.Given)))
        {
            log.Add(VariationNames.TransliterationVariant);
        }

        var effects = RenderEffects.None;
        draft.FamilyName = NameRenderer.Render(family, familyOrigin, style, keepAlbanian, dAsD, ref effects);
        draft.GivenName = NameRenderer.Render(given, givenOrigin, style, keepAlbanian, dAsD, ref effects);
        var fatherName = NameRenderer.Render(father, person.Father.Origin, style, keepAlbanian, dAsD, ref effects);
        LogEffects(effects, log);
        draft.FatherName = random.Chance(party.FatherPresent) ? fatherName : Missing(VariationNames.FatherMissing, log);

        Capitalise(draft, party, log);
        AddTypo(draft, log);
        AddTranscriptionError(draft, log);
        if (random.Chance(rates.NamesSwapped))
        {
            (draft.FamilyName, draft.GivenName) = (draft.GivenName, draft.FamilyName);
            log.Add(VariationNames.NamesSwapped);
        }

        draft.DateOfBirth = DateVariation.Write(person.Birth, party, rates, random, log);
        draft.Sex = random.Chance(rates.SexMissing)
            ? Missing(VariationNames.SexMissing, log)
            : person.Female ? (cyrillic ? "Ж" : party.Sex.Female) : (cyrillic ? "М" : party.Sex.Male);
        draft.PlaceOfBirth = random.Chance(rates.PlaceMissing)
            ? Missing(VariationNames.PlaceMissing, log)
            : PlaceName(person.BirthPlace, style, party);
        draft.Nationality = random.Chance(rates.NationalityMissing)
            ? Missing(VariationNames.NationalityMissing, log)
            : CountryNames.Write(person.Nationality, party.PickNationality(random));
        draft.NationalId = person.NationalId is not null && random.Chance(rates.NationalIdPresent) ? person.NationalId : null;
        draft.DocumentNumber = Document(person, log);
        draft.SubjectCategory = random.Chance(0.7) ? person.Category : Categories[random.Next(Categories.Length)];
        LogHardNegatives(person.HardNegatives, log);
        return draft;
    }

    /// <summary>The part as this record spells it: a compound name may lose a part.</summary>
    private string Spelling(NamePart part, List<string> log)
    {
        var text = part.Pivot;
        var separator = text.AsSpan().IndexOfAny(' ', '-');
        if (separator < 0 || !random.Chance(rates.CompoundPartial))
        {
            return text;
        }

        if (!log.Contains(VariationNames.CompoundPartial))
        {
            log.Add(VariationNames.CompoundPartial);
        }

        return random.Chance(0.7) ? text[..separator] : text[(separator + 1)..];
    }

    /// <summary>Replaces an Arabic-origin name by another of its spellings (and its orthography); true when it did.</summary>
    private bool Vary(ref string text, ref NameOrigin origin, NamePart part)
    {
        if (part.Variants is not { Length: > 1 } variants || !string.Equals(text, part.Pivot, StringComparison.Ordinal))
        {
            return false;
        }

        var other = variants[random.Next(variants.Length)];
        if (string.Equals(other, text, StringComparison.Ordinal))
        {
            other = variants[(Array.IndexOf(variants, other) + 1) % variants.Length];
        }

        text = other;
        origin = ArabicNameVariants.OrthographyOf(other);
        return true;
    }

    private void Capitalise(DraftRecord draft, PartyConvention party, List<string> log)
    {
        if (random.Chance(party.UppercaseAll))
        {
            draft.FamilyName = draft.FamilyName?.ToUpperInvariant();
            draft.GivenName = draft.GivenName?.ToUpperInvariant();
            draft.FatherName = draft.FatherName?.ToUpperInvariant();
            log.Add(VariationNames.Uppercase);
        }
        else if (random.Chance(party.UppercaseFamily))
        {
            draft.FamilyName = draft.FamilyName?.ToUpperInvariant();
            log.Add(VariationNames.Uppercase);
        }
    }

    private void AddTranscriptionError(DraftRecord draft, List<string> log)
    {
        // Draw only when the profile asks for it, so the default profile's random stream (and its data) stay as they were.
        if (rates.TranscriptionError <= 0 || !random.Chance(rates.TranscriptionError))
        {
            return;
        }

        if (random.Chance(0.5) && draft.GivenName is { Length: > 1 } given)
        {
            draft.GivenName = Transcription.Apply(given, random);
        }
        else if (draft.FamilyName is { Length: > 1 } family)
        {
            draft.FamilyName = Transcription.Apply(family, random);
        }
        else
        {
            return;
        }

        log.Add(VariationNames.TranscriptionError);
    }

    private void AddTypo(DraftRecord draft, List<string> log)
    {
        if (!random.Chance(rates.Typo))
        {
            return;
        }

        var u = random.NextDouble();
        if (u < 0.15 && draft.FatherName is { Length: > 0 } father)
        {
            draft.FatherName = Typos.Apply(father, random);
            log.Add(VariationNames.TypoFather);
        }
        else if (u < 0.5 && draft.GivenName is { Length: > 0 } given)
        {
            draft.GivenName = Typos.Apply(given, random);
            log.Add(VariationNames.TypoGiven);
        }
        else if (draft.FamilyName is { Length: > 0 } family)
        {
            draft.FamilyName = Typos.Apply(family, random);
            log.Add(VariationNames.TypoFamily);
        }
    }

    private string? Document(SyntheticPerson person, List<string> log)
    {
        if (person.Passport is null || !random.Chance(rates.DocumentPresent))
        {
            return null;
        }

        var number = person.Passport;
        if (person.OldPassport is not null && random.Chance(rates.DocumentOther))
        {
            number = person.OldPassport;
            log.Add(VariationNames.DocumentOther);
        }

        if (random.Chance(rates.DocumentNoise))
        {
            var noisy = DocumentNumbers.WithNoise(number, random);
            if (!string.Equals(noisy, number, StringComparison.Ordinal))
            {
                number = noisy;
                log.Add(VariationNames.DocumentNoise);
            }
        }

        return number;
    }

    private static string PlaceName(Place place, NameStyle style, PartyConvention party) => style switch
    {
        NameStyle.SerbianCyrillic or NameStyle.MacedonianCyrillic =>
            GajLatin.ToCyrillic(place.Slavic, style == NameStyle.MacedonianCyrillic),
        NameStyle.AlbanianPlain => AlbanianOrthography.WithoutDiacritics(place.Albanian),
        _ when party.AlbanianSpeaking => place.Albanian,
        NameStyle.GajLatinPlain or NameStyle.EnglishLatin => GajLatin.WithoutDiacritics(place.Slavic, dAsD: false),
        NameStyle.MacedonianLatin => GajLatin.ToMacedonianLatin(place.Slavic),
        _ => place.Slavic,
    };

    private static string? Missing(string variation, List<string> log)
    {
        log.Add(variation);
        return null;
    }

    private static void LogEffects(RenderEffects effects, List<string> log)
    {
        if ((effects & RenderEffects.Script) != 0)
        {
            log.Add(VariationNames.Script);
        }

        if ((effects & RenderEffects.AlbanianRendering) != 0)
        {
            log.Add(VariationNames.AlbanianRendering);
        }

        if ((effects & RenderEffects.SlavicRendering) != 0)
        {
            log.Add(VariationNames.SlavicRendering);
        }

        if ((effects & RenderEffects.DiacriticsDropped) != 0)
        {
            log.Add(VariationNames.DiacriticsDropped);
        }

        if ((effects & RenderEffects.Transliteration) != 0)
        {
            log.Add(VariationNames.Transliteration);
        }
    }

    private static void LogHardNegatives(HardNegativeKinds kinds, List<string> log)
    {
        if ((kinds & HardNegativeKinds.Twin) != 0)
        {
            log.Add(VariationNames.Twin);
        }

        if ((kinds & HardNegativeKinds.Sibling) != 0)
        {
            log.Add(VariationNames.Sibling);
        }

        if ((kinds & HardNegativeKinds.Namesake) != 0)
        {
            log.Add(VariationNames.Namesake);
        }
    }
}
