using System.Text.Json;
using CrmFederation.SampleSystems.Data;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Erp;

/// <summary>
/// A validated <c>PATCH /erp/odata/Accounts/{AccountNo}</c> body: <c>PaymentTerms</c> and/or
/// <c>BillingAddress</c>. As in OData, a complex property in a PATCH is merged: the address fields
/// sent replace theirs, the others stay.
/// </summary>
internal sealed record ErpAccountPatch(Optional<string> PaymentTerms, Optional<ErpAddressPatch> BillingAddress)
{
    public ErpAccount ApplyTo(ErpAccount account) => account with
    {
        PaymentTerms = PaymentTerms.Or(account.PaymentTerms),
        BillingAddress = BillingAddress.IsSet ? BillingAddress.Value.ApplyTo(account.BillingAddress) : account.BillingAddress,
    };

    public static ErpAccountPatch? TryParse(JsonElement body, out ValidationError? error)
    {
        error = null;
        var patch = new ErpAccountPatch(default, default);
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "PaymentTerms":
                    error = PatchBody.RequireOneOf(property.Value, "PaymentTerms", ErpVocabulary.PaymentTerms, out var terms);
                    patch = patch with { PaymentTerms = new(true, terms) };
                    break;
                case "BillingAddress":
                    var address = ErpAddressPatch.TryParse(property.Value, out error);
                    patch = patch with { BillingAddress = new(true, address!) };
                    break;
                default:
                    error = new ValidationError(property.Name, $"Unknown field '{property.Name}'; an account PATCH takes BillingAddress, PaymentTerms.");
                    break;
            }

            if (error is not null)
            {
                return null;
            }
        }

        return patch;
    }
}
