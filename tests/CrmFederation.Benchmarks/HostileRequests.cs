using System.Buffers.Text;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Host;
using CrmFederation.SampleSystems;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace CrmFederation.Benchmarks;

/// <summary>
/// Sends the small requests of issue 10 that cost the gateway or the sources much, once each, to the
/// gateway in-process over the real sample systems (cache off), and prints what each cost: wall time,
/// the process's CPU time, the answer's status and size, and the upstream calls the systems served.
/// The CPU is shared with whatever else runs on the machine, so times are indicative.
/// </summary>
public static class HostileRequests
{
    public static async Task<int> PrintAsync(string[] names)
    {
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        await using var systems = await SampleSystemsHost.StartAsync(new SampleSystemsOptions { CrmPort = 0, ErpPort = 0, HelpdeskPort = 0, CommercePort = 0 });
        await using var gateway = new Gateway(DemoMode.Variables(systems));
        using var client = gateway.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, DemoApiKeys.Admin);
        using var sim = new HttpClient();
        Uri[] systemUrls = [systems.CrmBaseUrl, systems.ErpBaseUrl, systems.HelpdeskBaseUrl, systems.CommerceBaseUrl];

        // Warm up: JIT, the CRM token, the document cache's first entries.
        await SendAsync(client, JsonSerializer.Serialize(new { query = "{ customer(id: \"C-000001\") { id billing { accountNumber } } }" }));

        Console.WriteLine("request | status | answer bytes | wall ms | process CPU ms | upstream calls | first error");
        // Named requests run in the order given, repeats included (a second run of one shows it warm).
        var requests = Requests().ToList();
        foreach (var (name, body) in names.Length == 0 ? requests : names.Select(n => requests.First(r => r.Name == n)))
        {
            foreach (var url in systemUrls)
            {
                (await sim.PostAsync(new Uri(url, "/_sim/reset"), null)).Dispose();
            }

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var (status, bytes, firstError) = await SendAsync(client, body);
            wall.Stop();
            var cpuSpent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var calls = 0;
            foreach (var url in systemUrls)
            {
                calls += (await sim.GetFromJsonAsync<JsonElement>(new Uri(url, "/_sim/stats"))).GetProperty("total").GetInt32();
            }

            Console.WriteLine($"{name} | {status} | {bytes:N0} | {wall.ElapsedMilliseconds:N0} | {cpuSpent.TotalMilliseconds:N0} | {calls} | {firstError}");
        }

        return 0;
    }

    /// <summary>The requests by name: each a JSON body as a client would post it.</summary>
    public static IEnumerable<(string Name, string Body)> Requests()
    {
        // One response name for 999 different lookups: every pair conflicts.
        var sameAlias = "{ " + string.Join(' ', Enumerable.Range(1, 999).Select(i => $"x: customer(id: \"C-{i:000000}\")")) + " }";
        yield return ("alias999", JsonSerializer.Serialize(new { query = sameAlias }));

        // 499 identical lookups (998 fields): no conflict, yet GraphQL.NET's rule compared every pair.
        var identical = "{ " + string.Join(' ', Enumerable.Repeat("x: customer(id: \"C-000001\") { id }", 499)) + " }";
        yield return ("identical499", JsonSerializer.Serialize(new { query = identical }));

        // 62 pages of 100 different customers, six fetched fields each: 992 fields, under the field limit.
        var pages = "{ " + string.Join(' ', Enumerable.Range(0, 62).Select(i =>
            $"p{i}: customers(first: 100, after: \"{Cursor(i * 100)}\") {{ nodes {{ id name contacts {{ id }} billing {{ accountNumber }} invoices {{ number }} tickets {{ id }} shopper {{ id }} orders {{ id }} }} }}")) + " }";
        yield return ("aliases62", JsonSerializer.Serialize(new { query = pages }));

        // 90 lookups of the same 10,000 ids, ten fields each: 990 fields.
        var ids = Enumerable.Range(1, 10_000).Select(i => $"C-{i:000000}").ToArray();
        var lookups = "query($ids: [ID!]!) { " + string.Join(' ', Enumerable.Range(0, 90).Select(i =>
            $"l{i}: customersByIds(ids: $ids) {{ id name domain industry segment country lifecycleStage primaryEmail phone ownerEmail }}")) + " }";
        yield return ("ids90x10000", JsonSerializer.Serialize(new { query = lookups, variables = new { ids } }));
    }

    /// <summary>A CRM list cursor as the sample CRM spells it (base64url of "o:offset").</summary>
    private static string Cursor(int offset) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes("o:" + offset));

    private static async Task<(int Status, long Bytes, string FirstError)> SendAsync(HttpClient client, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative), content);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var head = new byte[4096];
        var headLength = 0;
        long total = 0;
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            var keep = Math.Min(read, head.Length - headLength);
            buffer.AsSpan(0, keep).CopyTo(head.AsSpan(headLength));
            headLength += keep;
            total += read;
        }

        var text = Encoding.UTF8.GetString(head, 0, headLength);
        var at = text.IndexOf("\"message\":", StringComparison.Ordinal);
        var firstError = at < 0 ? "" : text.Substring(at + 10, Math.Min(140, text.Length - at - 10));
        return ((int)response.StatusCode, total, firstError);
    }

    private sealed class Gateway(IEnumerable<KeyValuePair<string, string?>> variables) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(
            [
                .. variables,
                new("Gateway:Cache:Enabled", "false"),
                new("Logging:LogLevel:Default", "Warning"),
            ]));
    }
}
