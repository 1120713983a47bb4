namespace CrmFederation.SampleSystems.Data;

/// <summary>
/// What the CRM generator decided about a customer that the other systems' generators reuse:
/// the company's base name and legal form (for the ERP's spelling), its country and currency,
/// and the primary person (for the commerce shopper).
/// </summary>
internal sealed record CustomerTraits(
    string BaseName,
    string LegalSuffix,
    CountryProfile Country,
    string Currency,
    string FirstName,
    string LastName);
