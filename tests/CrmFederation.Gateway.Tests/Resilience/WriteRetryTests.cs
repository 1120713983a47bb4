using CrmFederation.Gateway.Resilience;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// Writes are never retried blindly: a 5xx after sending is sent again only to an endpoint declared
/// idempotent; a connection that could not be made proves nothing was sent, so that is retried for any write.
/// </summary>
public sealed class WriteRetryTests : IDisposable
{
    private const string Path = "/crm/v3/customers/C-1";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(ResilienceRig.Defaults.Retry.MaxDelayMs);
    private static readonly byte[] Body = """{"name":"x"}"""u8.ToArray();

    private readonly ResilienceRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task WriteAsync_503AfterSending_NotIdempotent_SentOnce_OutcomeUnknown()
    {
        _rig.Server.Given(Request.Create().WithPath(Path).UsingPatch()).RespondWith(Response.Create().WithStatusCode(503));
        var client = _rig.Client(ResilienceRig.Defaults);

        var failure = await _rig.Clock.DriveAsync(Assert.ThrowsAsync<SourceException>(() => WriteAsync(client, idempotent: false)), MaxBackoff);

        Assert.Equal(503, failure.HttpStatus);
        Assert.Equal(1, failure.Attempts);
        Assert.Single(_rig.Server.Requests(Path));
        Assert.True(WriteSafety.MayHaveApplied(failure));
    }

    [Fact]
    public async Task WriteAsync_503AfterSending_Idempotent_Retried()
    {
        _rig.Server.Given(Request.Create().WithPath(Path).UsingPatch()).RespondWith(Response.Create().WithStatusCode(503));
        var client = _rig.Client(ResilienceRig.Defaults);

        var failure = await _rig.Clock.DriveAsync(Assert.ThrowsAsync<SourceException>(() => WriteAsync(client, idempotent: true)), MaxBackoff);

        Assert.Equal(1 + ResilienceRig.Defaults.Retry.MaxRetries, failure.Attempts);
        Assert.Equal(1 + ResilienceRig.Defaults.Retry.MaxRetries, _rig.Server.Requests(Path).Count);
    }

    [Fact]
    public async Task WriteAsync_ConnectionRefused_NotIdempotent_RetriedAndKnownNotApplied()
    {
        var client = _rig.Client(ResilienceRig.Defaults, baseUri: new Uri(WireSources.ClosedPortUrl()));

        var failure = await _rig.Clock.DriveAsync(Assert.ThrowsAsync<SourceException>(() => WriteAsync(client, idempotent: false)), MaxBackoff);

        Assert.Equal(1 + ResilienceRig.Defaults.Retry.MaxRetries, failure.Attempts);
        Assert.False(WriteSafety.MayHaveApplied(failure));
    }

    [Fact]
    public async Task WriteAsync_422_AnswerWithTheRefusalBody_NotRetried()
    {
        _rig.Server.Given(Request.Create().WithPath(Path).UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(422).WithHeader("Content-Type", "application/json").WithBody("""{"error":"validation","field":"phone","message":"too long"}"""));
        var client = _rig.Client(ResilienceRig.Defaults);

        using var answer = await WriteAsync(client, idempotent: true);

        Assert.False(answer.Applied);
        Assert.Equal("phone", answer.Body!.RootElement.GetProperty("field").GetString());
        Assert.Single(_rig.Server.Requests(Path));
    }

    private static Task<WriteAnswer> WriteAsync(SourceClient client, bool idempotent)
    {
        var write = new WriteEndpointDefinition
        {
            Name = "updateCustomer",
            Updates = WireSources.CustomersById(client.Source),
            Method = HttpMethod.Patch,
            Path = "/crm/v3/customers/{key}",
            Key = JsonPath.Parse("id"),
            Idempotent = idempotent,
        };
        return client.WriteAsync(write, "C-1", Body, CancellationToken.None).WaitAsync(WireGate.HangGuard);
    }
}
