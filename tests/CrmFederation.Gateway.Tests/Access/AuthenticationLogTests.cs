using System.Text.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Host;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// Refused and accepted credentials leave no trace of themselves in the logs, down to Trace: no API key
/// (valid or not), no key hash, no token or part of one, no signing key.
/// </summary>
public sealed class AuthenticationLogTests
{
    [Fact]
    public async Task Logs_EveryKindOfCredentialAcceptedAndRefused_NoKeyNorTokenText()
    {
        const string validKey = "valid-key-0f3c9a";
        const string expiredKey = "expired-key-7d21be";
        const string wrongKey = "wrong-key-5e8a41";
        var keys = JsonSerializer.Serialize(new object[]
        {
            new { name = "service", sha256 = ApiKeyRegistry.HashOf(validKey), roles = new[] { "admin" } },
            new { name = "retired", sha256 = ApiKeyRegistry.HashOf(expiredKey), roles = new[] { "admin" }, expires = DateTimeOffset.UtcNow.AddDays(-1) },
        });
        await using var gateway = AccessGateway.Start(settings: [.. TestIdentityProvider.Settings, new(DemoApiKeys.Variable, keys)]);
        var demoKey = TestIdentityProvider.DemoKey;
        using var otherKey = TestSigningKey.Rsa("other");
        string[] tokens =
        [
            TestIdentityProvider.Token(demoKey, new Dictionary<string, object> { ["roles"] = "admin", ["email"] = "someone@example.test" }),
            TestIdentityProvider.Token(demoKey, expires: DateTime.UtcNow.AddHours(-1)),
            TestIdentityProvider.Token(demoKey, audience: "another-api"),
            TestIdentityProvider.Token(otherKey),
            TestIdentityProvider.Token(new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256)),
            "garbage-token-text-4b7c",
        ];

        var responses = new List<AccessResponse>
        {
            await gateway.SendAsync(apiKey: validKey),
            await gateway.SendAsync(apiKey: expiredKey),
            await gateway.SendAsync(apiKey: wrongKey),
            await gateway.SendAsync(apiKey: validKey, path: "/status/sources"),
        };
        foreach (var token in tokens)
        {
            responses.Add(await gateway.SendAsync(bearer: token));
        }

        Assert.Equal(
            ["OK", "Unauthorized", "Unauthorized", "OK", "OK", "Unauthorized", "Unauthorized", "Unauthorized", "Unauthorized", "Unauthorized"],
            responses.Select(r => r.Status.ToString()));
        var logs = gateway.Logs.Entries.ToList();
        Assert.Contains(logs, log => log.Level == LogLevel.Trace);
        Assert.Contains(logs, log => log.Category.Contains("JwtBearer", StringComparison.Ordinal));
        string[] needles =
        [
            validKey, expiredKey, wrongKey, ApiKeyRegistry.HashOf(validKey), ApiKeyRegistry.HashOf(wrongKey), DemoTokens.SigningKey,
            .. tokens, .. tokens.SelectMany(t => t.Split('.').Skip(1)).Where(part => part.Length > 0), "someone@example.test",
        ];
        var leaks = logs
            .SelectMany(log => needles.Where(n => log.Texts.Any(t => t.Contains(n, StringComparison.Ordinal))).Select(n => $"'{n}' in {log.Category}: {log.Message}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(5)));
    }
}
