using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace CrmFederation.Gateway.Tests.BrowserPages;

/// <summary>One page in its own browser context, with what the browser reported: console errors, CSP violations among them.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _errors = new();

    public BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Enqueue(error);
    }

    public IPage Page { get; }

    /// <summary>Console messages of the Content-Security-Policy: the pages must run under it without a single refusal.</summary>
    public IEnumerable<string> CspViolations => _errors.Where(error => error.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));

    public ValueTask DisposeAsync() => new(_context.CloseAsync());
}
