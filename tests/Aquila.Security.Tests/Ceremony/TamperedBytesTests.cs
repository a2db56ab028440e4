using Aquila.Security.Ceremony;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Security.Tests.Ceremony;

/// <summary>Any single flipped byte in a relayed message is refused, by parsing or by the participant's checks.</summary>
public sealed class TamperedBytesTests(CeremonyPki pki) : IClassFixture<CeremonyPki>
{
    private static readonly List<string> TwoParties = ["AL", "AT"];

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public Property A_flipped_byte_in_a_registration_is_refused() =>
        Prop.ForAll(CeremonyGenerators.Flip(), flip =>
        {
            using var run = new CeremonyRun(pki, TwoParties);
            var registrations = run.Registrations();
            var tampered = CeremonyGenerators.Flipped(registrations[1], flip);
            return IsRefused(() => run["AL"].AcceptRoster([Registration.Parse(registrations[0]), Registration.Parse(tampered)]));
        });

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public Property A_flipped_byte_in_a_share_envelope_is_refused() =>
        Prop.ForAll(CeremonyGenerators.Flip(), flip =>
        {
            using var run = new CeremonyRun(pki, TwoParties);
            run.AcceptRoster(run.Registrations());
            var toAt = run["AL"].CreateShares().Single().ToBytes();
            var tampered = CeremonyGenerators.Flipped(toAt, flip);
            return IsRefused(() => run["AT"].AcceptShares([ShareEnvelope.Parse(tampered)]));
        });

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public Property A_flipped_byte_in_a_confirmation_is_refused() =>
        Prop.ForAll(CeremonyGenerators.Flip(), flip =>
        {
            using var run = new CeremonyRun(pki, TwoParties);
            run.RunToConfirmation();
            var fromAt = run["AT"].CreateConfirmation().ToBytes();
            var tampered = CeremonyGenerators.Flipped(fromAt, flip);
            return IsRefused(() => run["AL"].Finish([ConfirmationTag.Parse(tampered)]));
        });

    [Fact]
    public void The_untampered_messages_are_accepted()
    {
        using var run = new CeremonyRun(pki, TwoParties);

        var results = run.RunHonestly();

        Assert.Equal(2, results.Count);
    }

    private static bool IsRefused(Action step)
    {
        try
        {
            step();
            return false;
        }
        catch (CeremonyException)
        {
            return true;
        }
    }
}
