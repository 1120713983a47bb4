using System.Net;
using CrmFederation.Gateway.Host;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>Callers the admin endpoints refuse: without valid credentials (401), and authenticated without the admin scope (403).</summary>
public static class AdminRefusals
{
    public static TheoryData<string?, HttpStatusCode> CallersWithoutTheAdminScope => new()
    {
        { null, HttpStatusCode.Unauthorized },
        { "wrong-key", HttpStatusCode.Unauthorized },
        { DemoApiKeys.Admin + "x", HttpStatusCode.Unauthorized },
        { DemoApiKeys.Agent, HttpStatusCode.Forbidden },
        { DemoApiKeys.Analyst, HttpStatusCode.Forbidden },
    };
}
