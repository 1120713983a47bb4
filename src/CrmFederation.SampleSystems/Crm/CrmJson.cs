using System.Text.Json;
using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Crm;

/// <summary>The CRM's wire format: camelCase, UTC instants with "Z", dates as "yyyy-MM-dd", amounts as numbers.</summary>
internal static class CrmJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Domain = JsonEncodedText.Encode("domain");
    private static readonly JsonEncodedText Industry = JsonEncodedText.Encode("industry");
    private static readonly JsonEncodedText Segment = JsonEncodedText.Encode("segment");
    private static readonly JsonEncodedText Country = JsonEncodedText.Encode("country");
    private static readonly JsonEncodedText LifecycleStage = JsonEncodedText.Encode("lifecycleStage");
    private static readonly JsonEncodedText PrimaryEmail = JsonEncodedText.Encode("primaryEmail");
    private static readonly JsonEncodedText Phone = JsonEncodedText.Encode("phone");
    private static readonly JsonEncodedText OwnerEmail = JsonEncodedText.Encode("ownerEmail");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updatedAt");
    private static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("customerId");
    private static readonly JsonEncodedText FirstName = JsonEncodedText.Encode("firstName");
    private static readonly JsonEncodedText LastName = JsonEncodedText.Encode("lastName");
    private static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Stage = JsonEncodedText.Encode("stage");
    private static readonly JsonEncodedText Amount = JsonEncodedText.Encode("amount");
    private static readonly JsonEncodedText Currency = JsonEncodedText.Encode("currency");
    private static readonly JsonEncodedText CloseDate = JsonEncodedText.Encode("closeDate");

    public static void WriteCustomer(Utf8JsonWriter writer, CrmCustomer customer)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, customer.Id);
        writer.WriteString(Name, customer.Name);
        writer.WriteString(Domain, customer.Domain);
        writer.WriteString(Industry, customer.Industry);
        writer.WriteString(Segment, customer.Segment);
        writer.WriteString(Country, customer.Country);
        writer.WriteString(LifecycleStage, customer.LifecycleStage);
        writer.WriteString(PrimaryEmail, customer.PrimaryEmail);
        writer.WriteString(Phone, customer.Phone);
        writer.WriteString(OwnerEmail, customer.OwnerEmail);
        WireFormats.WriteUtc(writer, CreatedAt, customer.CreatedAt);
        WireFormats.WriteUtc(writer, UpdatedAt, customer.UpdatedAt);
        writer.WriteEndObject();
    }

    public static void WriteContact(Utf8JsonWriter writer, CrmContact contact)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, contact.Id);
        writer.WriteString(CustomerId, contact.CustomerId);
        writer.WriteString(FirstName, contact.FirstName);
        writer.WriteString(LastName, contact.LastName);
        writer.WriteString(Email, contact.Email);
        writer.WriteString(Title, contact.Title);
        writer.WriteString(Phone, contact.Phone);
        writer.WriteEndObject();
    }

    public static void WriteDeal(Utf8JsonWriter writer, CrmDeal deal)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, deal.Id);
        writer.WriteString(CustomerId, deal.CustomerId);
        writer.WriteString(Name, deal.Name);
        writer.WriteString(Stage, deal.Stage);
        writer.WriteNumber(Amount, deal.Amount);
        writer.WriteString(Currency, deal.Currency);
        WireFormats.WriteDate(writer, CloseDate, deal.CloseDate);
        writer.WriteEndObject();
    }
}
