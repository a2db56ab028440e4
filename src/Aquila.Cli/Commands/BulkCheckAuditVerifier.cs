using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Coordination.Audit;
using Aquila.Security.Lists;

namespace Aquila.Cli.Commands;

/// <summary>
/// Checks a bulk check's audit entries against the querying node's signatures (docs/lists.md, "Bulk checks"): the signed
/// header kept on the first person's entry, then the chain over the persons' token digests chunk by chunk, each chunk's
/// signature kept on its first person's entry. A person's entry dropped, added, moved to another chunk or given another
/// digest breaks a chunk signature even where the audit chain itself was rewritten whole.
/// </summary>
internal static class BulkCheckAuditVerifier
{
    public static BulkCheckAuditReport Verify(IEnumerable<AuditEntry> entries, string callId, X509Certificate2 signer, X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(signer);
        var persons = new List<AuditEntry>();
        var callRefusals = 0;
        foreach (var entry in entries)
        {
            if (entry.Kind != AuditKind.Query || !string.Equals(Get(entry, BulkCheckAuditKeys.Call), callId, StringComparison.Ordinal))
            {
                continue;
            }

            if (Get(entry, BulkCheckAuditKeys.Person).Length == 0)
            {
                callRefusals++;
            }
            else
            {
                persons.Add(entry);
            }
        }

        var first = persons.Count > 0 ? persons[0] : null;
        var declared = first is null ? 0 : ParseInt(Get(first, BulkCheckAuditKeys.Persons));
        var refused = persons.Count(p => Get(p, "outcome") == "refused");
        var chunks = 0;
        string? problem;
        if (first is null)
        {
            problem = callRefusals > 0
                ? "the call was refused before any person was answered: no person entry to check"
                : $"no audit entry belongs to bulk check {callId}";
        }
        else
        {
            problem = CheckHeader(first, callId, signer, authority) ?? CheckPersons(persons, first) ?? CheckChunks(persons, first, signer, out chunks);
        }

        return new BulkCheckAuditReport(callId, first?.ProjectId, first?.Actor.Party, first is null ? null : Get(first, "case_reference"),
            first is null ? null : Get(first, "officer"), declared, persons.Count, refused, chunks, callRefusals, problem);
    }

    private static string? CheckHeader(AuditEntry first, string callId, X509Certificate2 signer, X509Certificate2 authority)
    {
        if (Get(first, BulkCheckAuditKeys.Person) != "1" || Get(first, BulkCheckAuditKeys.HeaderSignature).Length == 0)
        {
            return $"entry {first.Sequence}, the call's first audited person, is not person 1 with the signed header";
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(signer.RawData));
        if (!string.Equals(Get(first, SignedQuery.AuditSignerKey), fingerprint, StringComparison.Ordinal))
        {
            return $"the entries name the signer certificate sha256:{Get(first, SignedQuery.AuditSignerKey)}, not the one given (sha256:{fingerprint})";
        }

        try
        {
            var header = new SignedQuery(first.ProjectId ?? "", Get(first, "case_reference"), Get(first, "officer"),
                Convert.FromHexString(Get(first, SignedQuery.AuditSchemaKey)),
                BulkCheckSignature.HeaderDigest(ParseInt(Get(first, BulkCheckAuditKeys.Persons))),
                long.Parse(Get(first, BulkCheckAuditKeys.SignedAt), CultureInfo.InvariantCulture), Convert.FromHexString(callId),
                Convert.FromHexString(Get(first, BulkCheckAuditKeys.HeaderSignature)), signer.RawData);
            return header.Verify(authority, first.Actor.Party ?? "") is { } why ? $"the signed header (entry {first.Sequence}): {why}" : null;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return $"a signed header field of entry {first.Sequence} is malformed";
        }
    }

    // Persons 1..n in order, each once, all of one project, party, case and officer.
    private static string? CheckPersons(List<AuditEntry> persons, AuditEntry first)
    {
        for (var i = 0; i < persons.Count; i++)
        {
            var entry = persons[i];
            if (ParseInt(Get(entry, BulkCheckAuditKeys.Person)) != i + 1)
            {
                return $"entry {entry.Sequence} is person {Get(entry, BulkCheckAuditKeys.Person)} where person {i + 1} was due: a person's entry is missing, repeated or out of order";
            }

            if (entry.ProjectId != first.ProjectId || entry.Actor.Party != first.Actor.Party
                || Get(entry, "case_reference") != Get(first, "case_reference") || Get(entry, "officer") != Get(first, "officer"))
            {
                return $"entry {entry.Sequence} names another project, party, case or officer than the signed header";
            }
        }

        return persons.Count > ParseInt(Get(first, BulkCheckAuditKeys.Persons))
            ? $"{persons.Count} persons are audited, the signed header declares {Get(first, BulkCheckAuditKeys.Persons)}"
            : null;
    }

    private static string? CheckChunks(List<AuditEntry> persons, AuditEntry first, X509Certificate2 signer, out int chunks)
    {
        chunks = 0;
        BulkCheckChain chain;
        try
        {
            chain = new BulkCheckChain(Convert.FromHexString(Get(first, BulkCheckAuditKeys.HeaderSignature)));
        }
        catch (FormatException)
        {
            return "the header signature is malformed";
        }

        var at = 0;
        while (at < persons.Count)
        {
            var chunk = ParseInt(Get(persons[at], BulkCheckAuditKeys.Chunk));
            if (chunk != chain.NextIndex)
            {
                return $"entry {persons[at].Sequence} opens chunk {Get(persons[at], BulkCheckAuditKeys.Chunk)} where chunk {chain.NextIndex} was due";
            }

            var end = at;
            while (end < persons.Count && ParseInt(Get(persons[end], BulkCheckAuditKeys.Chunk)) == chunk)
            {
                end++;
            }

            var digests = new byte[(end - at) * BulkCheckChain.DigestSize];
            byte[] signature;
            try
            {
                for (var i = at; i < end; i++)
                {
                    var digest = Convert.FromHexString(Get(persons[i], SignedQuery.AuditTokensKey));
                    if (digest.Length != BulkCheckChain.DigestSize)
                    {
                        return $"entry {persons[i].Sequence} holds no token digest of {BulkCheckChain.DigestSize} bytes";
                    }

                    digest.CopyTo(digests, (i - at) * BulkCheckChain.DigestSize);
                }

                signature = Convert.FromHexString(Get(persons[at], BulkCheckAuditKeys.ChunkSignature));
            }
            catch (FormatException)
            {
                return $"a digest or the signature of chunk {chunk} is malformed";
            }

            if (signature.Length == 0 || !QuerySignature.Verify(signer, chain.Advance(digests), signature))
            {
                return $"the node's signature of chunk {chunk} (entries {persons[at].Sequence}–{persons[end - 1].Sequence}, persons {at + 1}–{end}) "
                    + "does not verify over the persons audited for it and the chunks before it";
            }

            chunks++;
            at = end;
        }

        return null;
    }

    private static string Get(AuditEntry entry, string key) => entry.Details.TryGetValue(key, out var value) ? value : "";

    private static int ParseInt(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;
}
