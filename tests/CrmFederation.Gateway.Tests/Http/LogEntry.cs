using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Tests.Http;

public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);
