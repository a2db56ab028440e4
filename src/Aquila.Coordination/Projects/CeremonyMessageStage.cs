namespace Aquila.Coordination.Projects;

/// <summary>The step of the key ceremony a relayed message belongs to (docs/ceremony.md).</summary>
public enum CeremonyMessageStage
{
    /// <summary>A party's signed ceremony public key; every party reads every registration.</summary>
    Registration = 1,

    /// <summary>A share sealed for one other party; only its recipient reads it.</summary>
    Share = 2,

    /// <summary>A party's confirmation tag; every party reads every confirmation.</summary>
    Confirmation = 3,
}
