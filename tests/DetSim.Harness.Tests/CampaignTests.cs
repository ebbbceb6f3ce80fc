using DetSim.Harness.Campaigns;

namespace DetSim.Harness.Tests;

public class CampaignTests
{
    [Fact]
    public void Runs_seeds_in_order_and_stops_at_the_first_failure()
    {
        CampaignResult<ulong> result = Campaign.Run(10, 20, seed => seed * 3, v => v % 7 == 0);
        Assert.Equal([10UL, 11, 12, 13, 14], result.Seeds.Select(s => s.Seed));
        Assert.Equal(14UL, result.FirstFailure!.Seed);
        Assert.Equal(42UL, result.FirstFailure.Outcome);
    }

    [Fact]
    public void Without_stopping_it_runs_every_seed()
    {
        CampaignResult<ulong> result = Campaign.Run(1, 30, seed => seed, v => v % 7 == 0, stopAtFirst: false);
        Assert.Equal(30, result.SeedsRun);
        Assert.Equal([7UL, 14, 21, 28], result.Seeds.Where(s => s.Failed).Select(s => s.Seed));
    }
}
