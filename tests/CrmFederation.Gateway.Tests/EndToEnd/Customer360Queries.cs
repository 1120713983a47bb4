namespace CrmFederation.Gateway.Tests.EndToEnd;

/// <summary>The queries the end-to-end tests send, the customer 360 among them.</summary>
public static class Customer360Queries
{
    public const string Customer360 = """
        query Customer360($first: Int!, $after: String) {
          customers(first: $first, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes {
              id name segment primaryEmail
              contacts { id firstName lastName email }
              billing { accountNumber legalName creditStatus creditLimit { amount currency } }
              invoices(status: OPEN) { number dueDate amount { amount currency } status }
              tickets(status: [OPEN, PENDING]) { id subject status priority createdAt }
              shopper { id email totalSpent { amount currency } }
              orders(first: 5) { id name createdAt totalPrice { amount currency } financialStatus }
            }
          }
        }
        """;

    public const string OneCustomer = """
        query One($id: ID!) {
          customer(id: $id) {
            id name domain industry segment country lifecycleStage primaryEmail phone ownerEmail createdAt updatedAt
            contacts { id firstName lastName email title phone }
            deals { id name stage amount { amount currency } closeDate }
            billing { accountNumber legalName creditStatus creditLimit { amount currency } paymentTerms
                      billingAddress { street city postalCode country } }
            invoices { number issueDate dueDate amount { amount currency } status }
            support { id name }
            tickets { id subject status priority createdAt updatedAt satisfaction }
            shopper { id email ordersCount totalSpent { amount currency } }
            orders(first: 250) { id name createdAt totalPrice { amount currency } financialStatus fulfillmentStatus }
          }
        }
        """;
}
