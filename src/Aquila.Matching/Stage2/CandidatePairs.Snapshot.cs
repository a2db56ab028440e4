using Aquila.Matching.Index;

namespace Aquila.Matching.Stage2;

// The candidates in a project snapshot: pairs, level patterns, support, scores; version 5 adds each one's comparing block.
internal sealed partial class CandidatePairs
{
    public void WriteState(StateWriter writer)
    {
        writer.WriteInt32(_count);
        writer.WriteArray<HitPair>(_pairs.AsSpan(0, _count));
        writer.WriteArray<ulong>(_levels.AsSpan(0, _count));
        writer.WriteArray<int>(_support.AsSpan(0, _count));
        writer.WriteArray<float>(_posterior.AsSpan(0, _count));
        writer.WriteArray<byte>(_band.AsSpan(0, _count));
        writer.WriteArray<int>(_compared.AsSpan(0, _count));
    }

    /// <summary>Reads the candidates; a version-4 snapshot has no comparing blocks (<see cref="UnknownBlock"/>).</summary>
    public void ReadState(StateReader reader, bool withComparingBlocks)
    {
        var count = reader.ReadCount(Array.MaxLength / 16, "stage-2 candidate");
        _pairs = new HitPair[count];
        _levels = new ulong[count];
        _support = new int[count];
        _posterior = new float[count];
        _band = new byte[count];
        reader.ReadArray<HitPair>(_pairs);
        reader.ReadArray<ulong>(_levels);
        reader.ReadArray<int>(_support);
        reader.ReadArray<float>(_posterior);
        reader.ReadArray<byte>(_band);
        _compared = new int[count];
        if (withComparingBlocks)
        {
            reader.ReadArray<int>(_compared);
        }
        else
        {
            _compared.AsSpan().Fill(UnknownBlock);
        }

        _count = count;
        if (!RebuildIndex())
        {
            StateReader.ThrowBad("a stage-2 candidate appears twice");
        }
    }
}
