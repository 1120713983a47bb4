namespace CrmFederation.SampleSystems;

/// <summary>The demo credentials of the sample systems (the contract's "sample credentials"); real deployments supply their own.</summary>
public static class SampleCredentials
{
    public const string CrmClientId = "crm-client";
    public const string CrmClientSecret = "crm-secret";
    public const string ErpUser = "erp-user";
    public const string ErpPassword = "erp-password";
    public const string HelpdeskToken = "helpdesk-token";
    public const string CommerceToken = "commerce-token";
}
