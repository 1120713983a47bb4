using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Checks one <c>sources/*.json</c> file and compiles it into a <see cref="SourceDefinition"/>; a source
/// without its own answer limit gets <paramref name="defaultMaxAnswerBytes"/> (gateway.json).
/// </summary>
public sealed class SourceCompiler(ValueResolver values, int defaultMaxAnswerBytes)
{
    /// <summary>The cost model's guess of items per key on a many endpoint that declares none.</summary>
    public const int DefaultItemsPerKey = 10;

    /// <summary>Stands in for an unset base URL when the config is checked without the deployment's values (.invalid never resolves).</summary>
    private const string PlaceholderBaseUrl = "http://unset.invalid";

    private const string PlaceholderCredential = "unset";

    public SourceDefinition? Compile(ConfigFile<SourceConfig> file, List<ConfigDiagnostic> diagnostics)
    {
        var config = file.Value;
        var errorsBefore = diagnostics.Count;
        if (string.IsNullOrWhiteSpace(config.Name))
        {
            diagnostics.Add(file.Error("$.name", "The source has no name.", "Give it a short lower-case name such as \"erp\"."));
        }

        var baseUri = ResolveBaseUrl(file, diagnostics);
        var authentication = CompileAuth(file, baseUri, diagnostics);
        var webhookSecret = config.WebhookSecret is null ? null : Credential(file, "$.webhookSecret", config.WebhookSecret, diagnostics);
        CheckRange(file, "$.maxBatchSize", config.MaxBatchSize, 1, 1000, diagnostics);
        CheckRange(file, "$.timeoutMs", config.TimeoutMs, 1, 600_000, diagnostics);
        CheckResilience(file, config.Resilience, diagnostics);
        if (config.MaxAnswerBytes is { } maxAnswerBytes)
        {
            CheckRange(file, "$.maxAnswerBytes", maxAnswerBytes, SettingsValidator.MinSourceAnswerBytes, SettingsValidator.MaxSourceAnswerBytes, diagnostics);
        }

        CheckContentEncodings(file, diagnostics);
        var envelope = EnvelopeCompiler.Compile(file, "$.envelope", config.Envelope, diagnostics);
        if (config.Endpoints.Count == 0)
        {
            diagnostics.Add(file.Error("$.endpoints", "The source declares no endpoints."));
        }

        if (diagnostics.Count > errorsBefore || baseUri is null || authentication is null)
        {
            return null;
        }

        var source = new SourceDefinition
        {
            Name = config.Name,
            BaseUri = baseUri,
            Authentication = authentication,
            Timeout = TimeSpan.FromMilliseconds(config.TimeoutMs),
            Resilience = config.Resilience,
            MaxAnswerBytes = config.MaxAnswerBytes ?? defaultMaxAnswerBytes,
            ContentEncodings = config.ContentEncodings,
            CredentialScope = CredentialScopeOf(authentication),
            WebhookSecret = webhookSecret,
        };
        var endpoints = new Dictionary<string, EndpointDefinition>(StringComparer.Ordinal);
        foreach (var (name, endpoint) in config.Endpoints)
        {
            if (CompileEndpoint(file, source, name, endpoint, envelope, diagnostics) is { } compiled)
            {
                endpoints[name] = compiled;
            }
        }

        source.Endpoints = endpoints;
        source.Writes = config.Writes
            .Select(write => WriteEndpointCompiler.Compile(file, source, write.Key, write.Value, diagnostics))
            .OfType<WriteEndpointDefinition>()
            .ToDictionary(write => write.Name, StringComparer.Ordinal);
        return diagnostics.Count > errorsBefore ? null : source;
    }

    private Uri? ResolveBaseUrl(ConfigFile<SourceConfig> file, List<ConfigDiagnostic> diagnostics)
    {
        if (file.Value.BaseUrl is not { } reference)
        {
            diagnostics.Add(file.Error("$.baseUrl", "The source has no baseUrl.", "Use { \"env\": \"…_BASE_URL\", \"default\": \"http://…\" }."));
            return null;
        }

        if (values.Resolve(file, "$.baseUrl", "base URL", reference, "Set the variable or give a default.", PlaceholderBaseUrl, diagnostics) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            diagnostics.Add(file.Error("$.baseUrl", $"The base URL from {reference} is not an absolute http(s) URL.", "Example: https://erp.example.com"));
            return null;
        }

        return uri;
    }

    private SourceAuthentication? CompileAuth(ConfigFile<SourceConfig> file, Uri? baseUri, List<ConfigDiagnostic> diagnostics)
    {
        var auth = file.Value.Auth;
        switch (auth.Scheme)
        {
            case AuthConfig.None:
                return new SourceAuthentication.None();
            case AuthConfig.Basic:
                var user = Credential(file, "$.auth.username", auth.Username, diagnostics);
                var password = Credential(file, "$.auth.password", auth.Password, diagnostics);
                return user is null || password is null ? null : new SourceAuthentication.Basic(user, password);
            case AuthConfig.Bearer:
                var token = Credential(file, "$.auth.token", auth.Token, diagnostics);
                return token is null ? null : new SourceAuthentication.Bearer(token);
            case AuthConfig.Header:
                if (string.IsNullOrWhiteSpace(auth.HeaderName))
                {
                    diagnostics.Add(file.Error("$.auth.headerName", "The header scheme needs a headerName.", "Example: \"X-Shopify-Access-Token\"."));
                }

                var value = Credential(file, "$.auth.value", auth.Value, diagnostics);
                return value is null || string.IsNullOrWhiteSpace(auth.HeaderName) ? null : new SourceAuthentication.Header(auth.HeaderName, value);
            case AuthConfig.OAuth2ClientCredentials:
                var clientId = Credential(file, "$.auth.clientId", auth.ClientId, diagnostics);
                var clientSecret = Credential(file, "$.auth.clientSecret", auth.ClientSecret, diagnostics);
                if (string.IsNullOrWhiteSpace(auth.TokenPath) || !auth.TokenPath.StartsWith('/'))
                {
                    diagnostics.Add(file.Error("$.auth.tokenPath", "The OAuth2 scheme needs a tokenPath starting with '/'.", "Example: \"/oauth/token\"."));
                    return null;
                }

                return clientId is null || clientSecret is null || baseUri is null
                    ? null
                    : new SourceAuthentication.OAuth2ClientCredentials(new Uri(baseUri, auth.TokenPath), clientId, clientSecret);
            default:
                diagnostics.Add(file.Error("$.auth.scheme", $"Unknown auth scheme '{auth.Scheme}'.",
                    $"Use one of: {string.Join(", ", AuthConfig.Schemes)}."));
                return null;
        }
    }

    private Secret? Credential(ConfigFile<SourceConfig> file, string jsonPath, ValueReference? reference, List<ConfigDiagnostic> diagnostics) =>
        values.ResolveCredential(file, jsonPath, reference, "Set it in the environment, or reference a secret file instead.", diagnostics, PlaceholderCredential) is { } value
            ? new Secret(value)
            : null;

    private static EndpointDefinition? CompileEndpoint(
        ConfigFile<SourceConfig> file, SourceDefinition source, string name, EndpointConfig endpoint, ErrorEnvelope? sourceEnvelope, List<ConfigDiagnostic> diagnostics)
    {
        var at = $"$.endpoints.{name}";
        var errorsBefore = diagnostics.Count;
        if (!endpoint.Path.StartsWith('/'))
        {
            diagnostics.Add(file.Error(at + ".path", "The endpoint path must start with '/'.", "Example: \"/erp/odata/Accounts\"."));
        }

        var perKey = endpoint.Path.Contains(EndpointDefinition.KeyPlaceholder, StringComparison.Ordinal);
        if (perKey && endpoint.KeyParameter is not null)
        {
            diagnostics.Add(file.Error(at + ".keyParameter", "An endpoint takes its key either in the path ({key}) or in keyParameter, not both."));
        }

        if (endpoint.KeyParameter is not null && endpoint.MatchOn is null)
        {
            diagnostics.Add(file.Error(at + ".matchOn", "A batch endpoint needs matchOn, the item path that matches items back to keys.",
                "Batch answers come back in any order and omit unknown keys."));
        }

        CheckPath(file, at + ".items", endpoint.Items, diagnostics);
        CheckPath(file, at + ".matchOn", endpoint.MatchOn, diagnostics);
        CheckPath(file, at + ".identity", endpoint.Identity, diagnostics);
        if (endpoint.MatchCase is not ("exact" or "insensitive"))
        {
            diagnostics.Add(file.Error(at + ".matchCase", $"Unknown matchCase '{endpoint.MatchCase}'.", "Use \"exact\" or \"insensitive\"."));
        }

        if (endpoint.ListStyle is not ("comma" or "repeat"))
        {
            diagnostics.Add(file.Error(at + ".listStyle", $"Unknown listStyle '{endpoint.ListStyle}'.", "Use \"comma\" or \"repeat\"."));
        }

        if (endpoint.MaxBatchSize is { } size)
        {
            CheckRange(file, at + ".maxBatchSize", size, 1, 1000, diagnostics);
        }

        if (endpoint.ItemsPerKey is { } itemsPerKey)
        {
            CheckRange(file, at + ".itemsPerKey", itemsPerKey, 1, 100_000, diagnostics);
            if (!endpoint.Many)
            {
                diagnostics.Add(file.Error(at + ".itemsPerKey", "itemsPerKey only applies to endpoints where one key matches many items.",
                    "Set \"many\": true, or remove itemsPerKey (a key matches at most one item here)."));
            }
        }

        var paging = CompilePaging(file, at + ".paging", endpoint.Paging, diagnostics);
        var envelope = endpoint.Envelope is null ? sourceEnvelope : EnvelopeCompiler.Compile(file, at + ".envelope", endpoint.Envelope, diagnostics);
        if (endpoint.Cache is { } cacheConfig)
        {
            CheckRange(file, at + ".cache.ttlSeconds", cacheConfig.TtlSeconds, 1, 86_400, diagnostics);
            CheckRange(file, at + ".cache.maxStaleSeconds", cacheConfig.MaxStaleSeconds, 0, 86_400, diagnostics);
        }

        var filters = CompileFilters(file, at + ".filters", endpoint.Filters, diagnostics);
        var sort = CompileSort(file, at + ".sort", endpoint, diagnostics);
        if (diagnostics.Count > errorsBefore)
        {
            return null;
        }

        return new EndpointDefinition
        {
            Source = source,
            Name = name,
            Path = endpoint.Path,
            KeyParameter = endpoint.KeyParameter,
            FixedQuery = endpoint.Query.ToList(),
            Items = endpoint.Items is null ? null : JsonPath.Parse(endpoint.Items),
            MatchOn = endpoint.MatchOn is null ? null : JsonPath.Parse(endpoint.MatchOn),
            Identity = endpoint.Identity is null ? null : JsonPath.Parse(endpoint.Identity),
            KeyComparer = endpoint.MatchCase == "insensitive" ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal,
            Many = endpoint.Many,
            ItemsPerKey = endpoint.Many ? endpoint.ItemsPerKey ?? DefaultItemsPerKey : 1,
            MaxBatchSize = perKey ? 1 : endpoint.MaxBatchSize ?? file.Value.MaxBatchSize,
            RepeatListParameters = endpoint.ListStyle == "repeat",
            Paging = paging,
            Cache = endpoint.Cache is { } cache ? new Caching.CachePolicy(TimeSpan.FromSeconds(cache.TtlSeconds), TimeSpan.FromSeconds(cache.MaxStaleSeconds)) : null,
            Envelope = envelope,
            CacheScope = ConfigFingerprint.Of(source.Name, source.BaseUri, source.CredentialScope, endpoint, endpoint.Envelope is null ? file.Value.Envelope : null),
            Filters = filters,
            Sort = sort,
        };
    }

    private static Dictionary<string, IReadOnlyDictionary<FilterOperator, string>> CompileFilters(
        ConfigFile<SourceConfig> file, string at, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> filters, List<ConfigDiagnostic> diagnostics)
    {
        var compiled = new Dictionary<string, IReadOnlyDictionary<FilterOperator, string>>(StringComparer.Ordinal);
        foreach (var (path, operators) in filters)
        {
            CheckPath(file, $"{at}.{path}", path, diagnostics);
            var byOperator = new Dictionary<FilterOperator, string>();
            foreach (var (name, parameter) in operators)
            {
                if (!FilterOperators.ByName.TryGetValue(name, out var op))
                {
                    diagnostics.Add(file.Error($"{at}.{path}.{name}", $"Unknown filter operator '{name}'.",
                        $"{Schema.Suggestions.For(name, FilterOperators.ByName.Keys)} Operators: {string.Join(", ", FilterOperators.ByName.Keys)}."));
                }
                else if (parameter.Length == 0)
                {
                    diagnostics.Add(file.Error($"{at}.{path}.{name}", "The filter names no query parameter.", "Example: \"updatedAt\": { \"gt\": \"updatedAfter\" }."));
                }
                else
                {
                    byOperator[op] = parameter;
                }
            }

            compiled[path] = byOperator;
        }

        return compiled;
    }

    private static SortDefinition? CompileSort(ConfigFile<SourceConfig> file, string at, EndpointConfig endpoint, List<ConfigDiagnostic> diagnostics)
    {
        if (endpoint.Sort is not { } sort)
        {
            return null;
        }

        if (endpoint.KeyParameter is not null || endpoint.Path.Contains(EndpointDefinition.KeyPlaceholder, StringComparison.Ordinal))
        {
            diagnostics.Add(file.Error(at, "sort describes a list endpoint; this one takes keys.", "Remove sort."));
            return null;
        }

        if (sort.Parameter.Length == 0 || !JsonPath.IsWellFormed(sort.Natural))
        {
            diagnostics.Add(file.Error(at, "A sort needs the parameter that sets it and the natural path rows come in without it.",
                "Example: { \"parameter\": \"sort\", \"natural\": \"id\", \"fields\": { \"name\": { \"asc\": \"name\", \"desc\": \"-name\" } } }."));
            return null;
        }

        foreach (var (path, values) in sort.Fields)
        {
            CheckPath(file, $"{at}.fields.{path}", path, diagnostics);
            if (values.Asc is null && values.Desc is null)
            {
                diagnostics.Add(file.Error($"{at}.fields.{path}", $"The sort by '{path}' names neither an asc nor a desc value.", "Name the parameter value of at least one direction."));
            }
        }

        return new SortDefinition(sort.Parameter, JsonPath.Parse(sort.Natural), sort.Fields.ToDictionary(f => f.Key, f => (f.Value.Asc, f.Value.Desc), StringComparer.Ordinal));
    }

    private static PagingDefinition? CompilePaging(ConfigFile<SourceConfig> file, string at, PagingConfig? paging, List<ConfigDiagnostic> diagnostics)
    {
        if (paging is null)
        {
            return null;
        }

        CheckRange(file, at + ".maxPages", paging.MaxPages, 1, 1000, diagnostics);
        if (paging.PageSize is { } pageSize)
        {
            CheckRange(file, at + ".pageSize", pageSize, 1, 100_000, diagnostics);
        }
        switch (paging.Style)
        {
            case PagingConfig.NextUrlInBody:
                if (paging.NextUrl is null || !JsonPath.IsWellFormed(paging.NextUrl))
                {
                    diagnostics.Add(file.Error(at + ".nextUrl", "The next-url-in-body style needs nextUrl, the body path of the next page's URL.", "Example: \"next_page\"."));
                    return null;
                }

                return new PagingDefinition(JsonPath.Parse(paging.NextUrl), false, paging.MaxPages, paging.PageSize);
            case PagingConfig.LinkHeader:
                return new PagingDefinition(null, true, paging.MaxPages, paging.PageSize);
            default:
                diagnostics.Add(file.Error(at + ".style", $"Unknown paging style '{paging.Style}'.", $"Use one of: {string.Join(", ", PagingConfig.Styles)}."));
                return null;
        }
    }

    private static string CredentialScopeOf(SourceAuthentication authentication)
    {
        var identity = authentication switch
        {
            SourceAuthentication.Basic basic => "basic:" + basic.Username.Reveal(),
            SourceAuthentication.Bearer bearer => "bearer:" + bearer.Token.Reveal(),
            SourceAuthentication.Header header => $"header:{header.Name}:{header.Value.Reveal()}",
            SourceAuthentication.OAuth2ClientCredentials oauth => "oauth2:" + oauth.ClientId.Reveal(),
            _ => "none",
        };
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(identity)))[..16];
    }

    private static void CheckResilience(ConfigFile<SourceConfig> file, ResilienceConfig resilience, List<ConfigDiagnostic> diagnostics)
    {
        const string at = "$.resilience";
        CheckRange(file, at + ".attemptTimeoutMs", resilience.AttemptTimeoutMs, 10, 600_000, diagnostics);
        if (resilience.AttemptTimeoutMs > file.Value.TimeoutMs)
        {
            diagnostics.Add(file.Error(at + ".attemptTimeoutMs", "The attempt timeout is longer than the source's overall timeoutMs, so it can never apply.",
                "Keep attemptTimeoutMs at or below timeoutMs."));
        }

        CheckRange(file, at + ".retry.maxRetries", resilience.Retry.MaxRetries, 0, 10, diagnostics);
        CheckRange(file, at + ".retry.baseDelayMs", resilience.Retry.BaseDelayMs, 1, 60_000, diagnostics);
        CheckRange(file, at + ".retry.maxDelayMs", resilience.Retry.MaxDelayMs, 1, 600_000, diagnostics);
        CheckRange(file, at + ".retry.budgetMinimumPerSecond", resilience.Retry.BudgetMinimumPerSecond, 0, 10_000, diagnostics);
        if (resilience.Retry.BudgetRatio is < 0 or > 1)
        {
            diagnostics.Add(file.Error(at + ".retry.budgetRatio", "The retry budget ratio must be between 0 and 1.", "0.2 lets retries add at most 20% to the call volume."));
        }

        if (resilience.CircuitBreaker.FailureRatio is <= 0 or > 1)
        {
            diagnostics.Add(file.Error(at + ".circuitBreaker.failureRatio", "The failure ratio must be above 0 and at most 1.", "Example: 0.5."));
        }

        CheckRange(file, at + ".circuitBreaker.minimumThroughput", resilience.CircuitBreaker.MinimumThroughput, 2, 100_000, diagnostics);
        CheckRange(file, at + ".circuitBreaker.samplingDurationMs", resilience.CircuitBreaker.SamplingDurationMs, 500, 86_400_000, diagnostics);
        CheckRange(file, at + ".circuitBreaker.breakDurationMs", resilience.CircuitBreaker.BreakDurationMs, 500, 86_400_000, diagnostics);
        CheckRange(file, at + ".concurrencyLimit", resilience.ConcurrencyLimit, 1, 10_000, diagnostics);
        CheckRange(file, at + ".queueLimit", resilience.QueueLimit, 0, 100_000, diagnostics);
        CheckRange(file, at + ".rateLimitPerSecond", resilience.RateLimitPerSecond, 0, 1_000_000, diagnostics);
    }

    private static void CheckContentEncodings(ConfigFile<SourceConfig> file, List<ConfigDiagnostic> diagnostics)
    {
        var encodings = file.Value.ContentEncodings;
        for (var i = 0; i < encodings.Count; i++)
        {
            if (!ContentCoding.Known.Contains(encodings[i], StringComparer.Ordinal))
            {
                diagnostics.Add(file.Error($"$.contentEncodings[{i}]", $"Unknown content encoding '{encodings[i]}'.",
                    $"Use any of: {string.Join(", ", ContentCoding.Known)}; answers in any other encoding are refused."));
            }
            else if (encodings.Take(i).Contains(encodings[i], StringComparer.Ordinal))
            {
                diagnostics.Add(file.Error($"$.contentEncodings[{i}]", $"Content encoding '{encodings[i]}' is listed twice.", "List each encoding once."));
            }
        }
    }

    private static void CheckPath(ConfigFile<SourceConfig> file, string at, string? path, List<ConfigDiagnostic> diagnostics)
    {
        if (path is not null && !JsonPath.IsWellFormed(path))
        {
            diagnostics.Add(file.Error(at, $"'{path}' is not a dotted path.", "Example: \"satisfaction_rating.score\"."));
        }
    }

    private static void CheckRange(ConfigFile<SourceConfig> file, string at, int value, int min, int max, List<ConfigDiagnostic> diagnostics)
    {
        if (value < min || value > max)
        {
            diagnostics.Add(file.Error(at, $"{value} is out of range.", $"Use a value from {min} to {max}."));
        }
    }
}
