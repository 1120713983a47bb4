namespace CrmFederation.SampleSystems.Crm;

/// <summary>The CRM list's orders; every one breaks ties by id in the same direction.</summary>
internal enum CrmSort
{
    Id,
    Name,
    NameDescending,
    CreatedAt,
    CreatedAtDescending,
    UpdatedAt,
    UpdatedAtDescending,
}
