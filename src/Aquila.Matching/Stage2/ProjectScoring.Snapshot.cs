using Aquila.Matching.Index;
using Aquila.Matching.Scoring;

namespace Aquila.Matching.Stage2;

// Stage 2 in a project snapshot (format version 4, 5 with block orders): postings, candidates, the model's log payload and
// which hits it made.
internal sealed partial class ProjectScoring
{
    public void WriteState(StateWriter writer)
    {
        _index.WriteState(writer);
        _pairs.WriteState(writer);
        writer.WriteInt32(_modelPayload?.Length ?? 0);
        writer.WriteBytes(_modelPayload);
        writer.WriteInt32(_byHitId.Count);
        Span<byte> entry = stackalloc byte[HitId.Size + 4 + 2];
        foreach (var (id, at) in _byHitId)
        {
            id.WriteTo(entry);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(entry[HitId.Size..], at);
            var isPublished = _published.TryGetValue(at, out var published);
            entry[HitId.Size + 4] = isPublished ? (published.Stage2Only ? (byte)2 : (byte)1) : (byte)0;
            entry[HitId.Size + 5] = isPublished ? BandCodes.ToByte(published.Band) : (byte)0; // version 5: the band as published
            writer.WriteBytes(entry);
        }
    }

    /// <summary>Reads stage 2 back; <paramref name="withBlockOrders"/> is false for a version-4 snapshot.</summary>
    public void ReadState(StateReader reader, bool withBlockOrders)
    {
        _index.ReadState(reader, withBlockOrders);
        _pairs.ReadState(reader, withBlockOrders);
        var modelLength = reader.ReadCount(64 * 1024, "stage-2 model byte");
        if (modelLength > 0)
        {
            _modelPayload = reader.Fill(modelLength).ToArray();
            (Model, Thresholds) = ScoringStartCodec.Decode(_modelPayload, Scorer.Fields, BandThresholds.Of(Scorer.Scoring));
        }

        var hits = reader.ReadCount(_pairs.Count, "stage-2 hit");
        for (var i = 0; i < hits; i++)
        {
            var entry = reader.Fill(HitId.Size + 4 + (withBlockOrders ? 2 : 1));
            var id = HitId.Read(entry[..HitId.Size]);
            var at = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(entry[HitId.Size..]);
            var kind = entry[HitId.Size + 4];
            if (at < 0 || at >= _pairs.Count || kind > 2)
            {
                StateReader.ThrowBad("a stage-2 hit names no candidate");
            }

            _byHitId[id] = at;
            if (kind > 0)
            {
                var band = _pairs.Band(at);
                if (withBlockOrders && !BandCodes.TryRead(entry[HitId.Size + 5], out band))
                {
                    StateReader.ThrowBad("a stage-2 hit has no published band");
                }

                _published[at] = (id, kind == 2, band);
            }
        }
    }
}
