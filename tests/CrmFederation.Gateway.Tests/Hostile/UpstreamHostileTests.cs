using System.Text;
using System.Text.Json;
using CrmFederation.Gateway.Sources;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace CrmFederation.Gateway.Tests.Hostile;

/// <summary>
/// A source answering as an attacker (or a broken deployment) would: garbage, truncated or misshapen
/// JSON, answers that trickle, never end, or unpack to a gigabyte, encodings nobody declared,
/// redirects and next-page links to other hosts, errors inside 200 answers. Each gets a clear
/// GraphQL error, in bounded time, with a bounded number of upstream calls, and without the gateway
/// allocating more than a small multiple of the source's answer limit (1 MiB here) for it.
/// </summary>
[Collection(UpstreamHostileCollection.Name)]
public sealed class UpstreamHostileTests
{
    private const int AnswerLimit = 1024 * 1024;
    private const string Limited = """ "maxAnswerBytes": 1048576,""";

    /// <summary>Generous: the limit, the buffers a JSON document grows through to reach it, and one GraphQL request.</summary>
    private const long AllocationBound = 16L * 1024 * 1024;

    /// <summary>Generous for one call; every case here fails in well under a second when it works.</summary>
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("not json at all", "Source 'subscriptions' answered with malformed JSON.")]
    [InlineData("""{"data":[{"id":"S-1","customer_ref":"C-0""", "Source 'subscriptions' answered with malformed JSON.")]
    [InlineData("""{"data":{"id":"S-1"}}""", "Source 'subscriptions' answered unexpectedly: the body has no 'data' array.")]
    [InlineData("""[{"id":"S-1"}]""", "Source 'subscriptions' answered unexpectedly: the body has no 'data' array.")]
    [InlineData("", "Source 'subscriptions' answered with malformed JSON.")]
    public async Task Query_GarbageTruncatedOrMisshapenJson_BadResponseAfterOneCall(string body, string message)
    {
        await using var upstream = await HostileUpstream.StartAsync((context, server) => server.SendAsync(context, Encoding.UTF8.GetBytes(body)));
        await using var gateway = FifthSystemGateway.Start(upstream.Url, Limited);

        var call = await CallAsync(gateway);

        call.AssertFailed(SourceErrorCode.BadResponse, message);
        Assert.Equal(1, upstream.Requests);
    }

    [Fact]
    public async Task Query_AnswerTrickles_EachAttemptTimesOutOnItsBody()
    {
        await using var upstream = await HostileUpstream.StartAsync(async (context, server) =>
        {
            await server.SendAsync(context, """{"data":["""u8.ToArray());
            while (true)
            {
                await server.SendAsync(context, " "u8.ToArray());
                await Task.Delay(50, context.RequestAborted);
            }
        });
        await using var gateway = FifthSystemGateway.Start(upstream.Url, Limited,
            resilience: """{ "attemptTimeoutMs": 300, "retry": { "maxRetries": 2, "baseDelayMs": 1, "maxDelayMs": 1 } }""");

        var call = await CallAsync(gateway);

        call.AssertFailed(SourceErrorCode.Timeout, "Source 'subscriptions' did not answer in time.");
        Assert.Equal(3, call.Extensions.GetProperty("attempts").GetInt32());
        Assert.Equal(3, upstream.Requests);
        await upstream.CallerCutOff;
    }

    [Theory]
    [InlineData(true, "the answer is too large (over 1048576 bytes)")]
    [InlineData(false, "the answer is too large (over 1048576 bytes)")]
    public async Task Query_GigabyteAnswer_TooLargeAtTheLimitAndTheConnectionClosed(bool declareLength, string message)
    {
        await using var upstream = new EndlessAnswerServer(declareLength);
        await using var gateway = FifthSystemGateway.Start(upstream.Url.ToString(), Limited);

        var call = await CallAsync(gateway);
        await upstream.CallerClosed;

        call.AssertFailed(SourceErrorCode.BadResponse, message);
        Assert.Equal(1, upstream.Requests);

        // What the gateway read (nothing with a Content-Length over the limit, else at most the limit) and what waited in socket buffers.
        Assert.True(upstream.BytesAccepted < 32L * 1024 * 1024, $"The connection took {upstream.BytesAccepted} bytes before the gateway closed it.");
    }

    [Fact]
    public async Task Query_GzipBomb_TooLargeAtTheLimitUnpackedAndTheConnectionNotReused()
    {
        var bomb = CompressedAnswers.GzipBomb.Value;
        await using var upstream = await HostileUpstream.StartAsync((context, server) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentLength = bomb.Length;
            return server.SendAsync(context, bomb);
        });
        await using var gateway = FifthSystemGateway.Start(upstream.Url, Limited + """ "contentEncodings": ["gzip"],""");

        var call = await CallAsync(gateway);
        await gateway.QueryAsync(HostileUpstream.WarmUpKey);

        Assert.True(bomb.Length < 2 * 1024 * 1024 && CompressedAnswers.GzipBombUnpackedBytes == EndlessAnswerServer.BodyBytes, $"The bomb is {bomb.Length} bytes.");
        call.AssertFailed(SourceErrorCode.BadResponse, "the answer is too large");
        Assert.Equal(("gzip", 1), (upstream.LastAcceptEncoding, upstream.Requests));

        // Connections: the warm-up's, the bomb's (the same one, from the pool), then a new one: the rest of the bomb was not drained to keep it.
        var connections = upstream.Connections;
        Assert.Equal(3, connections.Count);
        Assert.Equal(connections[0], connections[1]);
        Assert.NotEqual(connections[1], connections[2]);
    }

    [Theory]
    [InlineData("", "gzip", "")]
    [InlineData(""" "contentEncodings": ["gzip"],""", "br", "gzip")]
    [InlineData(""" "contentEncodings": ["br"],""", "gzip, br", "br")]
    public async Task Query_UndeclaredContentEncoding_BadResponseWithoutDecompressing(string declared, string sent, string acceptEncoding)
    {
        await using var upstream = await HostileUpstream.StartAsync((context, server) =>
        {
            context.Response.Headers.ContentEncoding = sent;
            return server.SendAsync(context, CompressedAnswers.Gzip("""{"data":[]}"""u8.ToArray()));
        });
        await using var gateway = FifthSystemGateway.Start(upstream.Url, Limited + declared);

        var call = await CallAsync(gateway);

        call.AssertFailed(SourceErrorCode.BadResponse, sent.Contains(',') ? "more than one Content-Encoding" : "a Content-Encoding that the source's contentEncodings do not declare");
        Assert.Equal((acceptEncoding, 1), (upstream.LastAcceptEncoding, upstream.Requests));
    }

    [Fact]
    public async Task Query_CorruptGzip_BadResponse()
    {
        await using var upstream = await HostileUpstream.StartAsync((context, server) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return server.SendAsync(context, Encoding.UTF8.GetBytes("""{"data":[]} is not gzip"""));
        });
        await using var gateway = FifthSystemGateway.Start(upstream.Url, Limited + """ "contentEncodings": ["gzip"],""");

        var call = await CallAsync(gateway);

        call.AssertFailed(SourceErrorCode.BadResponse, "Source 'subscriptions' answered unexpectedly: its compressed answer cannot be decompressed.");
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task Query_DeclaredContentEncoding_Decompressed(string coding)
    {
        var plain = """{"data":[{"id":"S-1","customer_ref":"C-000001","plan_name":"Pro"}]}"""u8.ToArray();
        await using var upstream = await HostileUpstream.StartAsync((context, server) =>
        {
            context.Response.Headers.ContentEncoding = coding;
            return server.SendAsync(context, coding switch
            {
                "gzip" => CompressedAnswers.Gzip(plain),
                "br" => CompressedAnswers.Brotli(plain),
                _ => CompressedAnswers.Zlib(plain),
            });
        });
        await using var gateway = FifthSystemGateway.Start(upstream.Url, Limited + """ "contentEncodings": ["gzip", "br", "deflate"],""");

        var (response, _) = await gateway.QueryAsync("C-000001");

        Assert.False(response.TryGetProperty("errors", out _), response.ToString());
        Assert.Equal("Pro", response.GetProperty("data").GetProperty("subscriptionsOf")[0].GetProperty("plan").GetString());
        Assert.Equal("gzip, br, deflate", upstream.LastAcceptEncoding);
    }

    [Fact]
    public async Task Query_RedirectToAnotherHost_NotFollowedAndRejected()
    {
        await using var elsewhere = await HostileUpstream.StartAsync((context, server) => server.SendAsync(context, """{"data":[]}"""u8.ToArray()));
        await using var upstream = await HostileUpstream.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = elsewhere.Url + "/v1/subscriptions" + context.Request.QueryString;
            return Task.CompletedTask;
        });
        await using var gateway = FifthSystemGateway.Start(upstream.Url, Limited);

        var call = await CallAsync(gateway);

        call.AssertFailed(SourceErrorCode.Rejected, "Source 'subscriptions' rejected the request (HTTP 302).");
        Assert.Equal((1, 0), (upstream.Requests, elsewhere.Requests));
    }

    [Fact]
    public async Task Query_NextPageOnAnotherHost_NotFetched()
    {
        await using var elsewhere = await HostileUpstream.StartAsync((context, server) => server.SendAsync(context, """{"data":[]}"""u8.ToArray()));
        await using var upstream = await HostileUpstream.StartAsync((context, server) => server.SendAsync(context, Encoding.UTF8.GetBytes(
            JsonSerializer.Serialize(new { data = Array.Empty<object>(), next = elsewhere.Url + "/v1/subscriptions?page=2&customer_refs=C-000001" }))));
        await using var gateway = FifthSystemGateway.Start(upstream.Url, Limited, """ "paging": { "style": "next-url-in-body", "nextUrl": "next" },""");

        var call = await CallAsync(gateway);

        call.AssertFailed(SourceErrorCode.BadResponse, "Source 'subscriptions' answered unexpectedly: its next-page link points outside the source.");
        Assert.Equal((1, 0), (upstream.Requests, elsewhere.Requests));
    }

    /// <summary>An error inside a 200 answer that also holds an empty list: once read as "no subscriptions" and cached.</summary>
    [Theory]
    [InlineData("""{ "success": "success", "errorCode": "errors[0].code", "errorMessage": "errors[0].message", "codes": { "rateLimited": ["606"] } }""",
        """{"success": false, "errors": [{"code": "606", "message": "Max rate limit '100' exceeded"}], "data": []}""", "606", "Max rate limit '100' exceeded")]
    [InlineData("""{ "success": "ok", "errorCode": "error", "codes": { "rateLimited": ["ratelimited"] } }""",
        """{"ok": false, "error": "ratelimited", "data": []}""", "ratelimited", null)]
    public async Task Query_EnvelopeErrorInA200_RateLimitedTwiceNeverCached(string envelope, string body, string upstreamCode, string? upstreamMessage)
    {
        await using var upstream = await HostileUpstream.StartAsync((context, server) => server.SendAsync(context, Encoding.UTF8.GetBytes(body)));
        await using var gateway = FifthSystemGateway.Start(upstream.Url, Limited + $""" "envelope": {envelope},""", """ "cache": { "ttlSeconds": 300 },""");

        var first = await CallAsync(gateway);
        var second = await CallAsync(gateway);

        foreach (var call in new[] { first, second })
        {
            call.AssertFailed(SourceErrorCode.RateLimited, "Source 'subscriptions' is rate limiting the gateway (an error in its HTTP 200 answer).");
            Assert.Equal((200, upstreamCode), (call.Extensions.GetProperty("httpStatus").GetInt32(), call.Extensions.GetProperty("upstreamCode").GetString()));
            Assert.Equal(upstreamMessage, call.Extensions.TryGetProperty("upstreamMessage", out var message) ? message.GetString() : null);
        }

        Assert.Equal(2, upstream.Requests);
    }

    /// <summary>Warms the gateway up (config, schema, a pooled connection), then makes the one call measured.</summary>
    private static async Task<HostileCall> CallAsync(FifthSystemGateway gateway)
    {
        await gateway.QueryAsync(HostileUpstream.WarmUpKey);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (response, elapsed) = await gateway.QueryAsync("C-000001");
        return new HostileCall(response, elapsed, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    /// <summary>One query's answer, how long it took, and what the whole process allocated meanwhile.</summary>
    private sealed record HostileCall(JsonElement Response, TimeSpan Elapsed, long Allocated)
    {
        public JsonElement Error => Assert.Single(Response.GetProperty("errors").EnumerateArray());

        public JsonElement Extensions => Error.GetProperty("extensions");

        public void AssertFailed(string code, string message)
        {
            Assert.Equal(code, Extensions.GetProperty("code").GetString());
            Assert.Equal(FifthSystemGateway.Source, Extensions.GetProperty("source").GetString());
            Assert.Contains(message, Error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, Response.GetProperty("data").GetProperty("subscriptionsOf").GetArrayLength());
            Assert.True(Elapsed < TimeBound, $"The call took {Elapsed}.");
            Assert.True(Allocated < AllocationBound, $"The process allocated {Allocated / (1024 * 1024)} MiB during the call.");
        }
    }
}
