using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Tokens.Keys;
using Google.Protobuf;
using ProtoAuditHead = Aquila.Protocol.V1.AuditHead;
using ProtoBand = Aquila.Protocol.V1.Band;
using ProtoBatchReceipt = Aquila.Protocol.V1.BatchReceipt;
using ProtoHitEvent = Aquila.Protocol.V1.HitEvent;
using ProtoHitEventKind = Aquila.Protocol.V1.HitEventKind;

namespace Aquila.Server.Services;

/// <summary>The matcher's domain types as the gRPC contract carries them: receipts, hit events, audit heads and the band (the one place they become protobuf).</summary>
internal static class ProtoMapping
{
    /// <summary>The protobuf band of a hit's band.</summary>
    public static ProtoBand ToProto(MatchBand band) => band switch
    {
        MatchBand.Possible => ProtoBand.Possible,
        MatchBand.Probable => ProtoBand.Probable,
        MatchBand.Strong => ProtoBand.Strong,
        _ => ProtoBand.Unspecified,
    };

    /// <summary>The audit chain entry a receipt points to.</summary>
    public static ProtoAuditHead ToProto(Coordination.Audit.AuditHead head) =>
        new() { Sequence = head.Sequence, Hash = ByteString.CopyFrom(head.Hash.ToArray()) };

    public static ProtoBatchReceipt ToProto(string projectId, BatchReceipt receipt, bool alreadyAccepted, Coordination.Audit.AuditHead auditHead) =>
        new()
        {
            ProjectId = projectId,
            Party = receipt.Party,
            BatchId = ByteString.CopyFrom(receipt.BatchId.Span),
            ContentSha256 = ByteString.CopyFrom(receipt.ContentHash.Span),
            Records = receipt.Records,
            Tokens = receipt.Tokens,
            AcceptedAtUnixMs = receipt.AcceptedAt.ToUnixTimeMilliseconds(),
            AlreadyAccepted = alreadyAccepted,
            AuditHead = ToProto(auditHead),
            ReplacedEarlier = receipt.ReplacesEarlier,
        };

    public static ProtoHitEvent ToProto(PartyHitEvent hit)
    {
        Span<byte> bytes = stackalloc byte[16];
        var message = new ProtoHitEvent
        {
            Sequence = hit.Sequence,
            Kind = hit.Kind switch
            {
                HitChangeKind.New => ProtoHitEventKind.New,
                HitChangeKind.Updated => ProtoHitEventKind.Updated,
                _ => ProtoHitEventKind.Withdrawn,
            },
            OtherParty = hit.Hit.OtherPartyCode,
            Band = ToProto(hit.Hit.Band),
        };
        hit.Hit.HitId.WriteTo(bytes);
        message.HitId = ByteString.CopyFrom(bytes);
        hit.Hit.OwnHandle.WriteTo(bytes);
        message.OwnHandle = ByteString.CopyFrom(bytes);
        message.AgreeingKeys.AddRange(hit.Hit.AgreeingKeys);
        if (hit.Hit.Score is { } score)
        {
            // Stage 2: the posterior and per-field agreement levels (texts such as "dob:year±1"), never a value.
            message.Score = score;
            message.Agreement.AddRange(hit.Hit.Agreement);
        }

        return message;
    }
}
