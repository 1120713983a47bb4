using System.Net;
using CrmFederation.Gateway.Limits;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.TestSupport;
using static CrmFederation.Gateway.Tests.TestSupport.SandboxGateway;

namespace CrmFederation.Gateway.Tests.Limits;

/// <summary>
/// The linear merge check that stands in for GraphQL.NET's pairwise OverlappingFieldsCanBeMerged on the real
/// gateway: the same conflicts refused with the same code and wording, each field compared once, the list
/// of errors capped. The documents ask only for introspection, so no source is called.
/// </summary>
public sealed class FieldMergeCheckTests : IDisposable
{
    private readonly ConfigSandbox _sample = ConfigSandbox.CopyOfSample();
    private readonly GatewayFactory _gateway;

    public FieldMergeCheckTests() => _gateway = Start(_sample);

    public void Dispose()
    {
        _gateway.Dispose();
        _sample.Dispose();
    }

    [Theory]
    [InlineData("{ a: __typename a: __schema { description } }", "Fields a conflicts because __typename and __schema are different fields.")]
    [InlineData("{ t: __type(name: \"Customer\") { name } t: __type(name: \"Ticket\") { name } }", "Fields t conflicts because they have differing arguments.")]
    [InlineData("{ __schema { queryType { n: name n: description } } }", "Fields n conflicts because name and description are different fields.")]
    [InlineData("{ ...A ...B } fragment A on Query { t: __type(name: \"A\") { name } } fragment B on Query { t: __type(name: \"B\") { name } }", "Fields t conflicts because they have differing arguments.")]
    [InlineData("{ t: __type(name: \"A\") { name } ... on Query { t: __type(name: \"B\") { name } } }", "Fields t conflicts because they have differing arguments.")]
    [InlineData("{ t: __type(name: \"A\") { n: name } t: __type(name: \"A\") { n: kind } }", "Fields n conflicts because name and kind are different fields.")]
    public async Task Post_SameResponseNameForDifferentFieldsOrArguments_IsRefusedAsAConflict(string query, string message)
    {
        var response = await PostQueryAsync(_gateway, query);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = Assert.Single(response.Errors.EnumerateArray());
        Assert.Equal(message + " Use different aliases on the fields to fetch both if this was intentional.", error.GetProperty("message").GetString());
        Assert.Equal("OVERLAPPING_FIELDS_CAN_BE_MERGED", response.FirstErrorCode);
        Assert.Equal(2, error.GetProperty("locations").GetArrayLength());
    }

    [Theory]
    [InlineData("{ t: __type(name: \"Customer\") { name } t: __type(name: \"Customer\") { kind } }")]
    [InlineData("query($n: String!) { t: __type(name: $n) { name } ...F } fragment F on Query { t: __type(name: $n) { kind } }")]
    public async Task Post_SameFieldAndArgumentsUnderOneName_IsMergedAndAnswered(string query)
    {
        var response = await PostBodyAsync(_gateway, System.Text.Json.JsonSerializer.Serialize(new { query, variables = new { n = "Customer" } }));

        Assert.True(response.Status == HttpStatusCode.OK, response.Text);
        Assert.Equal("Customer", response.Data.GetProperty("t").GetProperty("name").GetString());
        Assert.Equal("OBJECT", response.Data.GetProperty("t").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Post_HundredsOfConflicts_AreListedUpToTheCapThenCounted()
    {
        var query = "{ " + string.Join(' ', Enumerable.Range(0, 300).Select(i => $"t: __type(name: \"T{i}\") {{ name }}")) + " }";

        var response = await PostQueryAsync(_gateway, query);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var errors = response.Errors.EnumerateArray().ToList();
        Assert.Equal(ErrorListCap.MaxErrors + 1, errors.Count);
        Assert.Equal("... and 199 more errors, left out: fix the ones above first.", errors[^1].GetProperty("message").GetString());
        Assert.Equal("TOO_MANY_ERRORS", errors[^1].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_HundredsOfInvalidFields_GetTheCappedListToo()
    {
        var query = "{ " + string.Join(' ', Enumerable.Range(0, 300).Select(i => $"f{i}: nope{i}")) + " }";

        var response = await PostQueryAsync(_gateway, query);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(ErrorListCap.MaxErrors + 1, response.Errors.GetArrayLength());
    }
}
