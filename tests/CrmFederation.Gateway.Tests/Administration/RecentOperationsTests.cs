using CrmFederation.Gateway.Administration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrmFederation.Gateway.Tests.Administration;

/// <summary>The remembered operations: counted per document, bounded in number and age.</summary>
public sealed class RecentOperationsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Seen_SameDocumentTwice_OneEntryCountedTwiceWithTheLastTimeAndName()
    {
        var operations = Operations(max: 10);

        operations.Seen("{ a }", null);
        _clock.Advance(TimeSpan.FromHours(1));
        operations.Seen("{ a }", "A");

        var operation = Assert.Single(operations.Recent());
        Assert.Equal((2L, "A", _clock.GetUtcNow()), (operation.Count, operation.OperationName, operation.LastSeen));
        Assert.Equal(16, operation.Hash.Length);
    }

    [Fact]
    public void Recent_OperationOlderThanTheWindow_LeftOutAndPrunedAway()
    {
        var operations = Operations(max: 10, days: 7);
        operations.Seen("{ old }", null);
        _clock.Advance(TimeSpan.FromDays(6));
        operations.Seen("{ new }", null);
        _clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(["{ new }"], operations.Recent().Select(o => o.Document));
        operations.Prune();
        Assert.Equal(["{ new }"], operations.All().Select(o => o.Document));
    }

    [Fact]
    public void Seen_WhenFull_NewDocumentsWaitForThePruneWhichForgetsTheLeastRecent()
    {
        var operations = Operations(max: 10);
        for (var i = 0; i < 12; i++)
        {
            operations.Seen($"{{ f{i} }}", null);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(10, operations.All().Count);
        operations.Prune();

        Assert.Equal(9, operations.All().Count);
        Assert.DoesNotContain(operations.All(), o => o.Document == "{ f0 }");
        operations.Seen("{ late }", null);
        Assert.Contains(operations.All(), o => o.Document == "{ late }");
    }

    [Fact]
    public void Restore_RecordsOfAPreviousRun_KeptWithTheirCounts()
    {
        var operations = Operations(max: 10);

        operations.Restore([new RecentOperationRecord("abc", "{ a }", "A", _clock.GetUtcNow().AddDays(-1), 5)]);
        operations.Seen("{ a }", "A");

        Assert.Equal(6, Assert.Single(operations.Recent()).Count);
    }

    private RecentOperations Operations(int max, int days = 7) =>
        new(_clock, Options.Create(new AdministrationOptions { RecentOperationsMax = max, RecentOperationsDays = days }));
}
