using CrmFederation.Gateway;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Http;

if (args is ["healthcheck", var url])
{
    // For container health checks: the runtime image has no curl.
    return await HealthProbe.RunAsync(new Uri(url));
}

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

await using var demo = await DemoMode.StartIfRequestedAsync(args, builder.Configuration);
builder.Services.AddCrmFederationGateway(builder.Configuration);
builder.Services.AddGatewayAccess();
builder.Services.AddGraphQLHttp();
builder.Services.AddGatewayOperations();

var app = builder.Build();
try
{
    // Load and validate gateway-config now: the gateway refuses to start on any config error.
    _ = app.Services.GetRequiredService<GatewaySnapshotHolder>();
}
catch (ConfigException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

// And the cache's settings: Redis without a usable encryption key must not start (this throws, naming the setting).
_ = app.Services.GetService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>();

app.UseAuthentication();
app.UseAuthorization();
app.MapGraphQL("/graphql").RequireAuthorization();
app.MapGatewayOperations();
if (demo is not null)
{
    app.MapDemoTokens();
}

await app.RunAsync();
return 0;

/// <summary>Entry point, public so that tests can host the gateway in-process.</summary>
public partial class Program;
