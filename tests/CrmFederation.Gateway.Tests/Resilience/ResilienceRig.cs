using System.Diagnostics;
using System.Text.Json;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Resilience;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Telemetry;
using CrmFederation.Gateway.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// One source built the way the gateway builds it (<see cref="SourceClientFactory"/> with the real
/// <see cref="SourceResilienceFactory"/>), with a resilience config chosen by the test, calling a
/// WireMock server, on a <see cref="ManualClock"/> that only moves when the test moves it.
/// </summary>
public sealed class ResilienceRig : IDisposable
{
    public const string Customers = "/crm/v3/customers";
    public const string TokenPath = "/oauth/token";
    public const string FoundBody = """{"results":[{"id":"C-1"}]}""";

    /// <summary>The source's overall deadline unless a test sets its own: far beyond anything a test waits for.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Production defaults except the per-attempt timeout, raised to 30 s so that it is told apart from
    /// every retry delay (at most 2 s) and never ends an attempt unless the test moves the clock that far.
    /// </summary>
    public static readonly ResilienceConfig Defaults = new() { AttemptTimeoutMs = 30_000 };

    private readonly UpstreamConnectionPool _pool = new();
    private readonly RequestScope _documents = new(new Dictionary<string, SourceClient>(), CancellationToken.None) { Permissions = OpenPolicy.Permissions };
    private readonly ActivityListener _calls;
    private readonly List<int> _attempts = [];

    public ResilienceRig()
    {
        _calls = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayActivitySource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("source.name") as string == SourceName && activity.GetTagItem("source.attempts") is int attempts)
                {
                    lock (_attempts)
                    {
                        _attempts.Add(attempts);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_calls);
    }

    public WireMockServer Server { get; } = WireMockServer.Start();

    public ManualClock Clock { get; } = new();

    /// <summary>Unique per rig, so that this rig's telemetry is told apart from other tests running in parallel.</summary>
    public string SourceName { get; } = "rig-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Requests WireMock has answered on the data endpoint.</summary>
    public int Requests => Server.Requests(Customers).Count;

    /// <summary>Requests WireMock has answered on the OAuth token endpoint.</summary>
    public int TokenRequests => Server.Requests(TokenPath).Count;

    /// <summary>The <c>source.attempts</c> of every finished call, as the client's span reports it.</summary>
    public IReadOnlyList<int> ReportedAttempts
    {
        get
        {
            lock (_attempts)
            {
                return _attempts.ToList();
            }
        }
    }

    /// <summary>A client of this rig's source, calling WireMock unless <paramref name="baseUri"/> names another server.</summary>
    public SourceClient Client(ResilienceConfig resilience, TimeSpan? deadline = null, SourceAuthentication? authentication = null, Uri? baseUri = null) =>
        new SourceClientFactory(_pool, new SourceRuntimeRegistry(new SourceResilienceFactory(Clock), Clock), Clock).Create(Source(resilience, deadline, authentication, baseUri));

    /// <summary>A client of this rig's source whose outbound rate limit is kept in <paramref name="sharedBuckets"/>, as an instance with Redis keeps it.</summary>
    public SourceClient Client(ResilienceConfig resilience, RedisTokenBuckets sharedBuckets) =>
        new SourceClientFactory(_pool, new SourceRuntimeRegistry(new SourceResilienceFactory(Clock, sharedBuckets), Clock), Clock).Create(Source(resilience, null, null, null));

    /// <summary>
    /// A client of this rig's source whose every request, the OAuth2 token POST included, goes to
    /// <paramref name="transport"/> instead of a server; the auth handler is put on top as the factory does.
    /// </summary>
    public SourceClient Client(ResilienceConfig resilience, HttpMessageHandler transport, SourceAuthentication? authentication = null)
    {
        var source = Source(resilience, null, authentication, null);
        HttpMessageHandler handler = source.Authentication is SourceAuthentication.OAuth2ClientCredentials oauth
            ? new OAuth2Handler(new OAuth2TokenProvider(source.Name, oauth, new HttpMessageInvoker(transport, disposeHandler: false), Clock)) { InnerHandler = transport }
            : transport;
        return new SourceClient(source, new HttpMessageInvoker(handler, disposeHandler: false), new SourceResilienceFactory(Clock).Create(source), Clock);
    }

    /// <summary>OAuth2 client credentials against this rig's own token endpoint.</summary>
    public SourceAuthentication OAuth2(Uri? tokenUri = null) =>
        new SourceAuthentication.OAuth2ClientCredentials(tokenUri ?? new Uri(Server.Url + TokenPath), new Secret("rig-client"), new Secret("rig-secret"));

    /// <summary>Fetches key C-1 (through <paramref name="envelope"/> when given); a call that never ends fails the test after <see cref="WireGate.HangGuard"/> instead of hanging it.</summary>
    public Task<List<JsonElement>> FetchAsync(SourceClient client, ErrorEnvelope? envelope = null) =>
        client.FetchItemsAsync(WireSources.CustomersById(client.Source, envelope: envelope), ["C-1"], [], _documents, CancellationToken.None).WaitAsync(WireGate.HangGuard);

    public Task<SourceException> FailureAsync(SourceClient client, ErrorEnvelope? envelope = null) => Assert.ThrowsAsync<SourceException>(() => FetchAsync(client, envelope));

    /// <summary>Answers the data endpoint with <paramref name="response"/> from now on (replacing earlier answers).</summary>
    public void Answer(IResponseBuilder response)
    {
        Server.ResetMappings();
        Server.Given(Request.Create().WithPath(Customers).UsingGet()).RespondWith(response);
    }

    public void AnswerFound() => Answer(WireLog.Text(FoundBody));

    public void AnswerStatus(int status) => Answer(Response.Create().WithStatusCode(status));

    /// <summary>The data endpoint answers each of <paramref name="statuses"/> once, in order, and 200 with an item after that.</summary>
    public void AnswerInTurn(params int[] statuses) => AnswerInTurn(statuses.Select(status => Response.Create().WithStatusCode(status)).ToArray());

    public void AnswerInTurn(params IResponseBuilder[] responses)
    {
        Server.ResetMappings();
        Server.ResetScenarios();
        const string scenario = "in turn";
        for (var turn = 0; turn < responses.Length; turn++)
        {
            var mapping = Server.Given(Request.Create().WithPath(Customers).UsingGet()).InScenario(scenario);
            mapping = turn == 0 ? mapping : mapping.WhenStateIs($"turn {turn}");
            mapping.WillSetStateTo($"turn {turn + 1}").RespondWith(responses[turn]);
        }

        Server.Given(Request.Create().WithPath(Customers).UsingGet()).InScenario(scenario).WhenStateIs($"turn {responses.Length}")
            .RespondWith(WireLog.Text(FoundBody));
    }

    public void Dispose()
    {
        _calls.Dispose();
        _documents.Dispose();
        Server.Stop();
        _pool.Dispose();
    }

    private SourceDefinition Source(ResilienceConfig resilience, TimeSpan? deadline, SourceAuthentication? authentication, Uri? baseUri) => new()
    {
        Name = SourceName,
        BaseUri = baseUri ?? new Uri(Server.Url!),
        Authentication = authentication ?? new SourceAuthentication.None(),
        Timeout = deadline ?? Deadline,
        Resilience = resilience,
    };
}
