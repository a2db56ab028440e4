namespace Aquila.Tokens.Input;

/// <summary>Reads the records of one CSV export, whatever their type; see <see cref="RecordReaders.Open"/>.</summary>
public interface IRecordReader : IDisposable
{
    /// <summary>The type of the records read.</summary>
    RecordType Type { get; }

    /// <summary>Data rows read so far: records and rejected rows.</summary>
    long RowsRead { get; }

    /// <summary>Reads the next row: a record or, for a row that cannot be used, an error (skip it and go on).</summary>
    /// <returns>False at the end of the file.</returns>
    /// <exception cref="InputFormatException">Bytes that are not valid in the encoding.</exception>
    bool TryReadNext(out SourceRecord? record, out RecordError? error);
}
