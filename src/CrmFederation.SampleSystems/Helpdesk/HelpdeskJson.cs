using System.Text.Json;
using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Helpdesk;

/// <summary>The helpdesk's wire format: snake_case, integer ids, UTC instants with "Z".</summary>
internal static class HelpdeskJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText ExternalId = JsonEncodedText.Encode("external_id");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updated_at");
    private static readonly JsonEncodedText OrganizationId = JsonEncodedText.Encode("organization_id");
    private static readonly JsonEncodedText Subject = JsonEncodedText.Encode("subject");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Priority = JsonEncodedText.Encode("priority");
    private static readonly JsonEncodedText SatisfactionRating = JsonEncodedText.Encode("satisfaction_rating");
    private static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");

    public static void WriteOrganization(Utf8JsonWriter writer, HelpdeskOrganization organization)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Id, organization.Id);
        writer.WriteString(ExternalId, organization.ExternalId);
        writer.WriteString(Name, organization.Name);
        WireFormats.WriteUtc(writer, CreatedAt, organization.CreatedAt);
        writer.WriteEndObject();
    }

    public static void WriteTicket(Utf8JsonWriter writer, HelpdeskTicket ticket)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Id, ticket.Id);
        writer.WriteNumber(OrganizationId, ticket.OrganizationId);
        writer.WriteString(Subject, ticket.Subject);
        writer.WriteString(Status, ticket.Status);
        writer.WriteString(Priority, ticket.Priority);
        WireFormats.WriteUtc(writer, CreatedAt, ticket.CreatedAt);
        WireFormats.WriteUtc(writer, UpdatedAt, ticket.UpdatedAt);
        writer.WriteStartObject(SatisfactionRating);
        writer.WriteString(Score, ticket.SatisfactionScore);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
