using System.Security.Cryptography;

namespace Aquila.Security.Ceremony;

/// <summary>Checks every party's confirmation tag against the tag this participant expects for it.</summary>
internal static class ConfirmationChecker
{
    public static void Verify(
        RosterEntry[] roster, string ownParty, byte[] transcript, byte[] projectKey, IReadOnlyList<ConfirmationTag> confirmations)
    {
        var seen = new bool[roster.Length];
        foreach (var confirmation in confirmations)
        {
            if (confirmation is null)
            {
                throw new CeremonyException(CeremonyFailureKind.MalformedMessage, null, "The relay delivered an empty confirmation.");
            }

            var party = confirmation.Party;
            var index = ShareCollector.IndexOf(roster, party);
            if (index < 0)
            {
                throw new CeremonyException(CeremonyFailureKind.UnexpectedParty, party,
                    $"A confirmation claims to come from {party}, which is not in the roster: the relay forged it.");
            }

            if (seen[index])
            {
                throw new CeremonyException(CeremonyFailureKind.DuplicateParty, party,
                    $"Two confirmations of {party} arrived: the relay replayed or duplicated one.");
            }

            if (!confirmation.Transcript.SequenceEqual(transcript))
            {
                throw new CeremonyException(CeremonyFailureKind.TranscriptMismatch, party,
                    $"{party} confirmed transcript fingerprint {CeremonyTranscript.Fingerprint(confirmation.Transcript)}, ours is {CeremonyTranscript.Fingerprint(transcript)}: {party} saw a different roster. Do not use the key.");
            }

            var expected = ConfirmationTag.Compute(projectKey, transcript, party);
            if (!CryptographicOperations.FixedTimeEquals(expected, confirmation.Tag))
            {
                throw new CeremonyException(CeremonyFailureKind.BadConfirmation, party,
                    $"The confirmation of {party} does not match: {party} holds a different project key (a share was altered or withheld along the way). Do not use the key; restart the ceremony.");
            }

            seen[index] = true;
        }

        var missing = new List<string>();
        for (var i = 0; i < roster.Length; i++)
        {
            if (!seen[i] && roster[i].Party != ownParty)
            {
                missing.Add(roster[i].Party);
            }
        }

        if (missing.Count > 0)
        {
            throw new CeremonyException(CeremonyFailureKind.MissingConfirmation, missing[0],
                $"No confirmation arrived from {string.Join(", ", missing)}: the key cannot be used until every party has confirmed it.");
        }
    }
}
