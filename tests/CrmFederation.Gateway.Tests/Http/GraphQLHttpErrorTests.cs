using CrmFederation.Gateway.Http;

namespace CrmFederation.Gateway.Tests.Http;

public sealed class GraphQLHttpErrorTests
{
    public static TheoryData<GraphQLHttpError, int, string> Errors => new()
    {
        { new InvalidContentTypeError("x"), 415, "INVALID_CONTENT_TYPE" },
        { new BodyTooLargeError(1024), 413, "BODY_TOO_LARGE" },
        { new JsonInvalidError("x"), 400, "JSON_INVALID" },
        { new MissingQueryError(), 400, "QUERY_MISSING" },
        { new CsrfRequiredHeaderError(["A"]), 400, "CSRF_REQUIRED_HEADER" },
        { new NotAcceptableError(), 406, "NOT_ACCEPTABLE" },
        { new MethodNotAllowedError("GET, POST"), 405, "METHOD_NOT_ALLOWED" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Constructor_EachError_CarriesItsStatusAndCode(GraphQLHttpError error, int status, string code)
    {
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.Code);
        Assert.Equal(status == 405 ? "GET, POST" : null, error.Allow);
    }
}
