using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;

namespace CrmFederation.Gateway.Limits;

/// <summary>What validating a request against one snapshot needs: its limits, the bindings the cost model reads, and whether the linear merge check stands in for GraphQL.NET's.</summary>
public sealed record SchemaLimits(LimitsConfig Limits, ObjectBinding Root, bool MergeCheckIsComplete);
