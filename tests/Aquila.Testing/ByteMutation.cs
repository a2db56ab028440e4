namespace Aquila.Testing;

// The mutation family of Fuzz: a closed set of small records, kept together.
/// <summary>A change to a byte string; positions are taken modulo the length, so one mutation fits any input.</summary>
public abstract record ByteMutation
{
    /// <summary>The mutated copy.</summary>
    public abstract byte[] Apply(byte[] input);

    private protected static int At(int position, int length) => length == 0 ? 0 : position % length;
}

/// <summary>Flips bit <paramref name="Bit"/> of one byte.</summary>
public sealed record FlipBit(int Position, int Bit) : ByteMutation
{
    /// <inheritdoc />
    public override byte[] Apply(byte[] input)
    {
        var copy = (byte[])input.Clone();
        if (copy.Length > 0)
        {
            copy[At(Position, copy.Length)] ^= (byte)(1 << Bit);
        }

        return copy;
    }
}

/// <summary>Sets one byte to <paramref name="Value"/>.</summary>
public sealed record SetByte(int Position, byte Value) : ByteMutation
{
    /// <inheritdoc />
    public override byte[] Apply(byte[] input)
    {
        var copy = (byte[])input.Clone();
        if (copy.Length > 0)
        {
            copy[At(Position, copy.Length)] = Value;
        }

        return copy;
    }
}

/// <summary>Cuts the input short.</summary>
public sealed record Truncate(int Position) : ByteMutation
{
    /// <inheritdoc />
    public override byte[] Apply(byte[] input) => input[..At(Position, input.Length)];
}

/// <summary>Inserts <paramref name="Bytes"/>.</summary>
public sealed record Insert(int Position, byte[] Bytes) : ByteMutation
{
    /// <inheritdoc />
    public override byte[] Apply(byte[] input)
    {
        var at = At(Position, input.Length + 1);
        return [.. input[..at], .. Bytes, .. input[at..]];
    }

    /// <inheritdoc />
    public override string ToString() => $"Insert {{ Position = {Position}, Bytes = {Convert.ToHexString(Bytes)} }}";
}

/// <summary>Removes up to <paramref name="Count"/> bytes.</summary>
public sealed record Remove(int Position, int Count) : ByteMutation
{
    /// <inheritdoc />
    public override byte[] Apply(byte[] input)
    {
        var at = At(Position, input.Length);
        var end = Math.Min(input.Length, at + Count);
        return [.. input[..at], .. input[end..]];
    }
}

/// <summary>Repeats up to <paramref name="Count"/> bytes right after themselves.</summary>
public sealed record Repeat(int Position, int Count) : ByteMutation
{
    /// <inheritdoc />
    public override byte[] Apply(byte[] input)
    {
        var at = At(Position, input.Length);
        var end = Math.Min(input.Length, at + Count);
        return [.. input[..end], .. input[at..end], .. input[end..]];
    }
}
