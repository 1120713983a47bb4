namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>Queries the caching tests send.</summary>
public static class CacheQueries
{
    /// <summary>One customer with a field of every cached endpoint of the four systems.</summary>
    public const string Customer360 = """
        query($id: ID!) {
          customer(id: $id) {
            id name primaryEmail
            contacts { email }
            billing { accountNumber legalName }
            invoices { number }
            support { id name }
            tickets { id }
            shopper { id email }
            orders(first: 3) { id }
          }
        }
        """;

    /// <summary>One customer and its ERP billing account only.</summary>
    public const string Billing = "query($id: ID!) { customer(id: $id) { id name billing { accountNumber legalName } } }";
}
