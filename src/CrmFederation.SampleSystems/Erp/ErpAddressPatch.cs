using System.Text.Json;
using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Erp;

/// <summary>The address fields of an account PATCH; each given one must be a non-empty string, Country two capital letters.</summary>
internal sealed record ErpAddressPatch(Optional<string> Street, Optional<string> City, Optional<string> PostalCode, Optional<string> Country)
{
    public ErpAddress ApplyTo(ErpAddress address) => new(
        Street.Or(address.Street), City.Or(address.City), PostalCode.Or(address.PostalCode), Country.Or(address.Country));

    public static ErpAddressPatch? TryParse(JsonElement value, out ValidationError? error)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            error = new ValidationError("BillingAddress", "'BillingAddress' must be an object with Street, City, PostalCode, Country.");
            return null;
        }

        error = null;
        var patch = new ErpAddressPatch(default, default, default, default);
        foreach (var property in value.EnumerateObject())
        {
            var field = $"BillingAddress.{property.Name}";
            var text = string.Empty;
            error = property.Name is "Street" or "City" or "PostalCode" or "Country"
                ? PatchBody.RequireText(property.Value, field, out text)
                : new ValidationError(field, $"Unknown field '{field}'; an address has Street, City, PostalCode, Country.");
            if (error is null && property.Name == "Country" && !IsCountryCode(text))
            {
                error = new ValidationError(field, "'BillingAddress.Country' must be an ISO 3166 alpha-2 code such as DE.");
            }

            if (error is not null)
            {
                return null;
            }

            patch = property.Name switch
            {
                "Street" => patch with { Street = new(true, text) },
                "City" => patch with { City = new(true, text) },
                "PostalCode" => patch with { PostalCode = new(true, text) },
                _ => patch with { Country = new(true, text) },
            };
        }

        return patch;
    }

    private static bool IsCountryCode(string text) => text.Length == 2 && char.IsAsciiLetterUpper(text[0]) && char.IsAsciiLetterUpper(text[1]);
}
