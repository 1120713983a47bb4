using CrmFederation.Gateway.Limits;
using GraphQLParser;
using GraphQLParser.AST;

namespace CrmFederation.Gateway.Tests.Limits;

/// <summary>
/// The size of the tree an operation executes, measured on the parsed document: depth as GraphQL.NET counted
/// it, every field selection (each use of a fragment again), and the nesting of selection sets through
/// fragments. Documents that fragments make exponentially large, cyclic or thousands of levels deep are
/// measured in one pass without recursion.
/// </summary>
public sealed class OperationMeasureTests
{
    [Theory]
    [InlineData("{ a }", 1, 1, 1)]
    [InlineData("{ a b { c d { e } } }", 3, 5, 3)]
    [InlineData("{ x: a y: a z: a }", 1, 3, 1)]
    [InlineData("{ a { ... on T { b { c } } } }", 3, 3, 4)]
    [InlineData("{ ... @include(if: false) { a b } c @skip(if: true) }", 1, 3, 2)]
    [InlineData("{ ...F ...F } fragment F on Query { a b { c } }", 2, 6, 3)]
    [InlineData("{ a { ...F } } fragment F on T { b { c } }", 3, 3, 4)]
    public void Measure_CountsTheExecutedTree(string document, int depth, long fieldCount, int nesting)
    {
        Assert.Equal(new OperationSize(depth, fieldCount, nesting), Measure(document));
    }

    [Fact]
    public void Measure_DoublingFragmentChain_CountsEveryPathOnce()
    {
        var size = Measure(FragmentChains.Doubling(links: 30, leaf: "a b c"));

        Assert.Equal(new OperationSize(Depth: 1, FieldCount: 3L << 30, Nesting: 32), size);
    }

    [Fact]
    public void Measure_CountPastLongRange_StaysAtItsCeiling()
    {
        var size = Measure(FragmentChains.Doubling(links: 1000, leaf: "a"));

        Assert.True(size.FieldCountSaturated);
        Assert.Equal(long.MaxValue, size.FieldCount);
    }

    [Fact]
    public void Measure_FragmentChainThousandsOfLevelsDeep_NeedsNoRecursion()
    {
        const int links = 5000;
        var document = FragmentChains.Linked(links, "T", root: "...F0", link: next => $"t {{ ...{next} }}");
        var size = 0;
        var measuring = new Thread(() => size = Measure(document).Depth, maxStackSize: 128 * 1024);

        measuring.Start();
        measuring.Join();

        Assert.Equal(links + 1, size);
    }

    [Theory]
    [InlineData("{ ...A } fragment A on Query { a ...A }", 2)]
    [InlineData("{ ...A } fragment A on Query { a ...B } fragment B on Query { b ...A }", 3)]
    public void Measure_FragmentCycle_StopsAtTheSpreadThatClosesIt(string document, long fieldCount)
    {
        Assert.Equal(fieldCount, Measure(document).FieldCount);
    }

    [Fact]
    public void Measure_SpreadsOfUndefinedFragments_CountOneFieldEach()
    {
        Assert.Equal(3, Measure("{ a ...X ...Y }").FieldCount);
    }

    [Fact]
    public void Measure_OnlyTheSelectedOperation()
    {
        var document = Parser.Parse("query Small { a } query Large { a b c d }");

        var size = OperationMeasure.Measure(document, document.OperationWithName("Small")!);

        Assert.Equal(1, size.FieldCount);
    }

    [Theory]
    [InlineData(IntrospectionQueries.Current, 15, 220, 18)]
    [InlineData(IntrospectionQueries.BeforeGraphQLJs16_8, 13, 181, 16)]
    public void Measure_StandardIntrospectionQuery_CountsWhatItSelectsOnce(string query, int depth, long fieldCount, int nesting)
    {
        Assert.Equal(new OperationSize(depth, fieldCount, nesting), Measure(query));
    }

    private static OperationSize Measure(string query)
    {
        var document = Parser.Parse(query);
        return OperationMeasure.Measure(document, document.Definitions.OfType<GraphQLOperationDefinition>().First());
    }
}
