namespace Aquila.Tokens.Normalization;

/// <summary>Sex of a person as recorded; <see cref="Unknown"/> when missing or not recognised.</summary>
public enum Sex
{
    /// <summary>Missing or not recognised.</summary>
    Unknown = 0,

    /// <summary>Male.</summary>
    Male = 1,

    /// <summary>Female.</summary>
    Female = 2,
}
