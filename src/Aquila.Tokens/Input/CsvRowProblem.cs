namespace Aquila.Tokens.Input;

/// <summary>What is wrong with the syntax of one CSV row (the first problem found in it).</summary>
internal enum CsvRowProblemKind
{
    None,

    /// <summary>An opening quote is never closed (end of input, or the value grew past the limit).</summary>
    UnterminatedQuote,

    /// <summary>A quote character inside a value that does not start with a quote.</summary>
    StrayQuote,

    /// <summary>Characters between a closing quote and the next separator.</summary>
    TextAfterClosingQuote,

    /// <summary>The row exceeds the length limit; the rest of its line was skipped.</summary>
    RowTooLong,
}

/// <summary>The first syntax problem of a row: its kind, the 0-based column and the physical line where it is.</summary>
internal readonly record struct CsvRowProblem(CsvRowProblemKind Kind, int Column, long Line);
