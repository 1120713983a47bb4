using System.Text.Json;
using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Commerce;

/// <summary>
/// The commerce wire format, Shopify style: snake_case, money as strings with two decimals, and
/// instants in the shop's local time with its offset ("2024-05-01T10:15:30-04:00"), not UTC.
/// </summary>
internal static class CommerceJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText FirstName = JsonEncodedText.Encode("first_name");
    private static readonly JsonEncodedText LastName = JsonEncodedText.Encode("last_name");
    private static readonly JsonEncodedText OrdersCount = JsonEncodedText.Encode("orders_count");
    private static readonly JsonEncodedText TotalSpent = JsonEncodedText.Encode("total_spent");
    private static readonly JsonEncodedText Currency = JsonEncodedText.Encode("currency");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("customer_id");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText TotalPrice = JsonEncodedText.Encode("total_price");
    private static readonly JsonEncodedText FinancialStatus = JsonEncodedText.Encode("financial_status");
    private static readonly JsonEncodedText FulfillmentStatus = JsonEncodedText.Encode("fulfillment_status");

    public static void WriteCustomer(Utf8JsonWriter writer, CommerceCustomer customer)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Id, customer.Id);
        writer.WriteString(Email, customer.Email);
        writer.WriteString(FirstName, customer.FirstName);
        writer.WriteString(LastName, customer.LastName);
        writer.WriteNumber(OrdersCount, customer.OrdersCount);
        WireFormats.WriteMoneyString(writer, TotalSpent, customer.TotalSpent);
        writer.WriteString(Currency, customer.Currency);
        WireFormats.WriteWithOffset(writer, CreatedAt, customer.CreatedAt);
        writer.WriteEndObject();
    }

    public static void WriteOrder(Utf8JsonWriter writer, CommerceOrder order)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Id, order.Id);
        writer.WriteNumber(CustomerId, order.CustomerId);
        writer.WriteString(Name, order.Name);
        WireFormats.WriteWithOffset(writer, CreatedAt, order.CreatedAt);
        WireFormats.WriteMoneyString(writer, TotalPrice, order.TotalPrice);
        writer.WriteString(Currency, order.Currency);
        writer.WriteString(FinancialStatus, order.FinancialStatus);
        writer.WriteString(FulfillmentStatus, order.FulfillmentStatus);
        writer.WriteEndObject();
    }
}
