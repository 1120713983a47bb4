using GraphQL;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmFederation.Gateway.Http;

/// <summary>
/// The GraphQL-over-HTTP endpoint. It knows no schema: it turns the HTTP request into
/// <see cref="ExecutionOptions"/> and runs them through GraphQL.NET's <see cref="IDocumentExecuter"/>,
/// whose <see cref="GraphQL.DI.IConfigureExecution"/> chain, registered by the app, supplies the
/// schema and user context. Then it picks the status code the spec asks for.
/// </summary>
internal sealed partial class GraphQLHttpHandler
{
    private static readonly IValidationRule[] GetValidationRules = [.. DocumentValidator.CoreRules, HttpGetOperationRule.Instance];
    private static readonly IValidationRule[] GetCachedDocumentValidationRules = [HttpGetOperationRule.Instance];

    private readonly IRequestBodyLimit _bodyLimit;
    private readonly IResponseBodyLimit _responseLimit;
    private readonly bool _enableGet;
    private readonly string _allow;
    private readonly CsrfGuard _csrf;
    private readonly ILogger<GraphQLHttpHandler> _logger;

    public GraphQLHttpHandler(IOptions<GraphQLHttpOptions> options, IRequestBodyLimit bodyLimit, IResponseBodyLimit responseLimit, ILogger<GraphQLHttpHandler> logger)
    {
        var settings = options.Value;
        _bodyLimit = bodyLimit;
        _responseLimit = responseLimit;
        _enableGet = settings.EnableGet;
        _allow = settings.EnableGet ? $"{HttpMethods.Get}, {HttpMethods.Post}" : HttpMethods.Post;
        _csrf = new CsrfGuard(settings);
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await HandleRequestAsync(context);
        }
        catch (Exception ex) when (context.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The client went away; nobody is left to answer, and it is not a server fault.
            LogClientDisconnected(_logger);
        }
    }

    private async Task HandleRequestAsync(HttpContext context)
    {
        var serializer = context.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        var mediaType = AcceptNegotiator.Select(context.Request.Headers.Accept);
        if (mediaType is null)
        {
            await WriteErrorAsync(context, serializer, ResponseMediaType.Json, new NotAcceptableError());
            return;
        }

        ExecutionResult result;
        try
        {
            var options = await ReadRequestAsync(context, serializer);
            result = await context.RequestServices.GetRequiredService<IDocumentExecuter>().ExecuteAsync(options);
        }
        catch (GraphQLHttpError error)
        {
            await WriteErrorAsync(context, serializer, mediaType, error);
            return;
        }

        var status = StatusCodes.Status200OK;
        string? allow = null;
        if (!result.Executed)
        {
            // Nothing ran, so there is no data: a transport error found during validation (a mutation
            // over GET) keeps its own status; any other is 4xx only where the media type allows it.
            var httpError = result.Errors?.OfType<IHttpStatusError>().FirstOrDefault();
            status = httpError?.StatusCode ?? mediaType.InvalidDocumentStatus;
            allow = httpError?.Allow;
        }

        if (_responseLimit.MaxBytes(context) is not { } maxBytes)
        {
            await GraphQLResponseWriter.WriteAsync(context, serializer, mediaType, status, allow, result);
            return;
        }

        using var buffer = new BoundedResponseBuffer(maxBytes);
        try
        {
            await serializer.WriteAsync(buffer, result, context.RequestAborted);
        }
        catch (BoundedResponseBuffer.LimitExceededException)
        {
            LogResponseTooLarge(_logger, maxBytes);
            await GraphQLResponseWriter.WriteAsync(context, serializer, mediaType, status, allow, new ExecutionResult { Errors = [new ResponseTooLargeError(maxBytes)] });
            return;
        }

        GraphQLResponseWriter.SetHead(context.Response, mediaType, status, allow);
        await buffer.WriteToAsync(context.Response.Body, context.RequestAborted);
    }

    private async Task<ExecutionOptions> ReadRequestAsync(HttpContext context, IGraphQLTextSerializer serializer)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!HttpMethods.IsPost(request.Method) && !(isGet && _enableGet))
        {
            throw new MethodNotAllowedError(_allow);
        }

        if (!_csrf.Allows(request))
        {
            throw new CsrfRequiredHeaderError(_csrf.Headers);
        }

        var graphQLRequest = isGet
            ? GraphQLRequestReader.ReadQueryString(request.Query, serializer)
            : await GraphQLRequestReader.ReadBodyAsync(request, serializer, _bodyLimit.MaxBytes(context), context.RequestAborted);
        var query = string.IsNullOrEmpty(graphQLRequest.Query) ? null : graphQLRequest.Query;
        var documentId = PersistedDocumentId.Of(graphQLRequest);
        if (query is null && documentId is null)
        {
            throw new MissingQueryError();
        }

        var options = new ExecutionOptions
        {
            Query = query,
            DocumentId = documentId,
            OperationName = graphQLRequest.OperationName,
            Variables = graphQLRequest.Variables,
            Extensions = graphQLRequest.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = context.RequestAborted,
        };
        if (isGet)
        {
            // Also for documents an app serves from a cache of validated documents.
            options.ValidationRules = GetValidationRules;
            options.CachedDocumentValidationRules = GetCachedDocumentValidationRules;
        }

        return options;
    }

    private Task WriteErrorAsync(HttpContext context, IGraphQLTextSerializer serializer, ResponseMediaType mediaType, GraphQLHttpError error)
    {
        LogRefused(_logger, error.StatusCode, error.Code);
        return GraphQLResponseWriter.WriteAsync(context, serializer, mediaType, error.StatusCode, error.Allow, new ExecutionResult { Errors = [error] });
    }

    [LoggerMessage(1, LogLevel.Debug, "GraphQL request refused with {StatusCode} ({Code})")]
    private static partial void LogRefused(ILogger logger, int statusCode, string? code);

    [LoggerMessage(2, LogLevel.Debug, "GraphQL request abandoned: the client disconnected")]
    private static partial void LogClientDisconnected(ILogger logger);

    [LoggerMessage(3, LogLevel.Warning, "GraphQL response dropped: larger than the {MaxBytes} bytes allowed")]
    private static partial void LogResponseTooLarge(ILogger logger, long maxBytes);
}
