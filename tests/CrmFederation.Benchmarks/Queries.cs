namespace CrmFederation.Benchmarks;

/// <summary>The benchmarked GraphQL operations, as documented in the README.</summary>
public static class Queries
{
    public const string Customer360 = """
        query Customer360($first: Int!, $after: String) {
          customers(first: $first, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes {
              id name segment country primaryEmail createdAt
              contacts { id firstName lastName email title }
              billing { accountNumber legalName creditStatus creditLimit { amount currency } }
              invoices(status: OPEN) { number issueDate dueDate amount { amount currency } status }
              tickets(status: [OPEN, PENDING]) { id subject status priority createdAt satisfaction }
              shopper { id email ordersCount totalSpent { amount currency } }
              orders(first: 5) { id name createdAt totalPrice { amount currency } financialStatus fulfillmentStatus }
            }
          }
        }
        """;

    public const string CustomerById = """
        query CustomerById($id: ID!) {
          customer(id: $id) {
            id name segment lifecycleStage primaryEmail phone createdAt updatedAt
          }
        }
        """;

    public const string Cursors = """
        query Cursors($first: Int!, $after: String) {
          customers(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } }
        }
        """;
}
