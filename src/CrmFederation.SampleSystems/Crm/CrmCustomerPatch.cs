using System.Text.Json;
using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Crm;

/// <summary>
/// A validated <c>PATCH /crm/v3/customers/{id}</c> body: any of name, phone, primaryEmail, segment,
/// lifecycleStage, ownerEmail. Only phone may be null (it clears it). Field names are exact
/// (camelCase); any other field is refused rather than ignored, so a typo cannot pass as a no-op.
/// </summary>
internal sealed record CrmCustomerPatch(
    Optional<string> Name,
    Optional<string?> Phone,
    Optional<string> PrimaryEmail,
    Optional<string> Segment,
    Optional<string> LifecycleStage,
    Optional<string> OwnerEmail)
{
    public CrmCustomer ApplyTo(CrmCustomer customer) => customer with
    {
        Name = Name.Or(customer.Name),
        Phone = Phone.Or(customer.Phone),
        PrimaryEmail = PrimaryEmail.Or(customer.PrimaryEmail!),
        Segment = Segment.Or(customer.Segment),
        LifecycleStage = LifecycleStage.Or(customer.LifecycleStage),
        OwnerEmail = OwnerEmail.Or(customer.OwnerEmail),
    };

    public static CrmCustomerPatch? TryParse(JsonElement body, out ValidationError? error)
    {
        error = null;
        var patch = new CrmCustomerPatch(default, default, default, default, default, default);
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            string text;
            switch (property.Name)
            {
                case "name":
                    error = PatchBody.RequireText(value, "name", out text);
                    patch = patch with { Name = new(true, text) };
                    break;
                case "phone":
                    string? phone = null;
                    error = value.ValueKind == JsonValueKind.Null ? null : ValidatePhone(value, out phone);
                    patch = patch with { Phone = new(true, phone) };
                    break;
                case "primaryEmail":
                    error = PatchBody.RequireEmail(value, "primaryEmail", out text);
                    patch = patch with { PrimaryEmail = new(true, text) };
                    break;
                case "segment":
                    error = PatchBody.RequireOneOf(value, "segment", CrmVocabulary.Segments, out text);
                    patch = patch with { Segment = new(true, text) };
                    break;
                case "lifecycleStage":
                    error = PatchBody.RequireOneOf(value, "lifecycleStage", CrmVocabulary.LifecycleStages, out text);
                    patch = patch with { LifecycleStage = new(true, text) };
                    break;
                case "ownerEmail":
                    error = PatchBody.RequireEmail(value, "ownerEmail", out text);
                    patch = patch with { OwnerEmail = new(true, text) };
                    break;
                default:
                    error = new ValidationError(property.Name, $"Unknown field '{property.Name}'; a customer PATCH takes name, phone, primaryEmail, segment, lifecycleStage, ownerEmail.");
                    break;
            }

            if (error is not null)
            {
                return null;
            }
        }

        return patch;
    }

    private static ValidationError? ValidatePhone(JsonElement value, out string? text)
    {
        var error = PatchBody.RequireText(value, "phone", out var phone);
        text = phone;
        return error is null && phone.Length > 40 ? new ValidationError("phone", "'phone' must be at most 40 characters.") : error;
    }
}
