namespace CrmFederation.Gateway.Tests.Administration;

/// <summary>Edits of the sample config the admin API tests send, each as the files it posts.</summary>
public static class ConfigEdits
{
    /// <summary>Adds <c>Contact.nickname</c> (a new schema file, and its binding): a safe change.</summary>
    public static async Task<object[]> AddContactNicknameAsync(AdminGateway gateway) =>
    [
        new { path = "schema/extra.graphql", content = "extend type Contact {\n  nickname: String\n}\n" },
        new { path = "bindings/customer.json", content = Replace(await gateway.LiveFileAsync("bindings/customer.json"), "\"title\": \"title\",", "\"title\": \"title\",\n        \"nickname\": \"nickname\",") },
    ];

    /// <summary>Removes <c>Customer.industry</c> from the schema and its binding: a breaking change.</summary>
    public static async Task<object[]> RemoveCustomerIndustryAsync(AdminGateway gateway) =>
    [
        new { path = "schema/unified-schema.graphql", content = Replace(await gateway.LiveFileAsync("schema/unified-schema.graphql"), "  industry: String                          # CRM\n", "") },
        new { path = "bindings/customer.json", content = Replace(await gateway.LiveFileAsync("bindings/customer.json"), "        \"industry\": \"industry\",\n", "") },
    ];

    /// <summary>Drops the binding of <c>Ticket.subject</c>: the config no longer compiles.</summary>
    public static async Task<object[]> UnbindTicketSubjectAsync(AdminGateway gateway) =>
    [
        new { path = "bindings/support.json", content = Replace(await gateway.LiveFileAsync("bindings/support.json"), "\"subject\": \"subject\",", "") },
    ];

    private static string Replace(string text, string oldText, string newText)
    {
        Assert.Equal(1, text.Split(oldText).Length - 1);
        return text.Replace(oldText, newText, StringComparison.Ordinal);
    }
}
