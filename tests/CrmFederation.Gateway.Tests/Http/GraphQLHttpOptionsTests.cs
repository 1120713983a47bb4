using CrmFederation.Gateway.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Tests.Http;

public sealed class GraphQLHttpOptionsTests
{
    [Fact]
    public void AddGraphQLHttp_NoConfiguration_UsesDefaults()
    {
        using var services = new ServiceCollection().AddGraphQLHttp().BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value;

        Assert.Equal(1024 * 1024, options.MaxRequestBodyBytes);
        Assert.True(options.EnableGet);
        Assert.True(options.CsrfProtection);
        Assert.Equal(["GraphQL-Require-Preflight", "X-Apollo-Operation-Name"], options.RequiredCsrfHeaders);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1023)]
    [InlineData(256L * 1024 * 1024 + 1)]
    public void AddGraphQLHttp_BodyLimitOutOfBounds_FailsValidation(long limit)
    {
        using var services = new ServiceCollection().AddGraphQLHttp(options => options.MaxRequestBodyBytes = limit).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value);
        Assert.Contains(nameof(GraphQLHttpOptions.MaxRequestBodyBytes), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GraphQL-Require-Preflight| ")]
    public void AddGraphQLHttp_CsrfWithoutUsableHeaders_FailsValidation(string headers)
    {
        var names = headers.Length == 0 ? [] : headers.Split('|');
        using var services = new ServiceCollection().AddGraphQLHttp(options => options.RequiredCsrfHeaders = names).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value);
    }

    [Fact]
    public void AddGraphQLHttp_CsrfOffWithoutHeaders_IsValid()
    {
        using var services = new ServiceCollection()
            .AddGraphQLHttp(options =>
            {
                options.CsrfProtection = false;
                options.RequiredCsrfHeaders = [];
            })
            .BuildServiceProvider();

        Assert.False(services.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value.CsrfProtection);
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_FailsAtStartup()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GraphQLHttpHost.StartAsync(options => options.MaxRequestBodyBytes = -1));

        Assert.Contains(nameof(GraphQLHttpOptions.MaxRequestBodyBytes), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapGraphQL_WithoutAddGraphQLHttp_ThrowsNamingTheFix()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGraphQL());

        Assert.Contains("AddGraphQLHttp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapGraphQL_Pattern_NamesTheEndpoint()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddGraphQLHttp();
        await using var app = builder.Build();

        var conventions = app.MapGraphQL("/api/graphql");
        conventions.WithName("graphql");

        var endpoint = Assert.Single(((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints));
        Assert.Equal("GraphQL /api/graphql", endpoint.DisplayName);
        Assert.Equal("/api/graphql", ((RouteEndpoint)endpoint).RoutePattern.RawText);
    }
}
