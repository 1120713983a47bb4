namespace CrmFederation.SampleSystems.Data;

/// <summary>What a customer's country decides: currency, phone prefix, web domain, postal format, cities, legal forms.</summary>
internal sealed record CountryProfile(
    string Code,
    int Weight,
    string Currency,
    string PhonePrefix,
    string TopLevelDomain,
    string PostalPattern,
    string[] Cities,
    string[] LegalSuffixes);
