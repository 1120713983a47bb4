using System.Runtime.CompilerServices;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;
using GraphQLParser.AST;

namespace CrmFederation.Gateway.Limits;

/// <summary>What validating a request against one snapshot needs: its limits, the bindings the cost model reads, and whether the linear merge check stands in for GraphQL.NET's.</summary>
public sealed record SchemaLimits(LimitsConfig Limits, ObjectBinding Root, bool MergeCheckIsComplete)
{
    /// <summary>Documents that passed this schema's size, spread and merge checks (they depend on nothing else); held weakly, as long as the document cache keeps them.</summary>
    private readonly ConditionalWeakTable<GraphQLDocument, SchemaLimits> _passed = [];

    /// <summary>Whether the document passed the checks that depend only on it and this schema, so a cached document skips them.</summary>
    public bool Passed(GraphQLDocument document) => _passed.TryGetValue(document, out _);

    public void MarkPassed(GraphQLDocument document) => _passed.AddOrUpdate(document, this);
}
