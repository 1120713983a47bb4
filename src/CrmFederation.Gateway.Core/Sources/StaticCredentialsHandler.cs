using System.Net.Http.Headers;
using System.Text;

namespace CrmFederation.Gateway.Sources;

/// <summary>Adds a fixed credential (basic, bearer or a named header) to every request to a source.</summary>
public sealed class StaticCredentialsHandler : DelegatingHandler
{
    private readonly Action<HttpRequestHeaders> _apply;

    public StaticCredentialsHandler(SourceAuthentication authentication)
    {
        _apply = authentication switch
        {
            SourceAuthentication.Basic basic => BasicHeader(basic),
            SourceAuthentication.Bearer bearer => headers => headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer.Token.Reveal()),
            SourceAuthentication.Header header => headers => headers.TryAddWithoutValidation(header.Name, header.Value.Reveal()),
            _ => _ => { },
        };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _apply(request.Headers);
        return base.SendAsync(request, cancellationToken);
    }

    private static Action<HttpRequestHeaders> BasicHeader(SourceAuthentication.Basic basic)
    {
        var value = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.Username.Reveal()}:{basic.Password.Reveal()}"));
        return headers => headers.Authorization = new AuthenticationHeaderValue("Basic", value);
    }
}
