namespace CrmFederation.SampleSystems.Data;

/// <summary>
/// ERP accounts (AccountNo 100001…) for about 90% of the CRM customers, about eight invoices each.
/// Leads are mostly prospects with no account yet.
/// </summary>
internal static class ErpGenerator
{
    private static readonly string[] CreditStatuses = ["OK", "HOLD", "BLOCKED"];
    private static readonly int[] CreditStatusWeights = [85, 10, 5];
    private static readonly string[] Terms = ["NET15", "NET30", "NET60"];
    private static readonly int[] TermsWeights = [20, 60, 20];
    private static readonly DateOnly FirstIssue = new(2025, 2, 1);

    public static ErpGeneration Generate(Random random, CrmGeneration crm)
    {
        var generation = new ErpGeneration(new(crm.Customers.Count), new(crm.Customers.Count * 8));
        for (var i = 0; i < crm.Customers.Count; i++)
        {
            var customer = crm.Customers[i];
            if (customer.LifecycleStage != "lead" || random.Chance(0.33))
            {
                AddAccount(random, generation, customer, crm.Traits[i]);
            }
        }

        return generation;
    }

    private static void AddAccount(Random random, ErpGeneration generation, CrmCustomer customer, CustomerTraits traits)
    {
        var accountNo = (100_001 + generation.Accounts.Count).ToString();
        var terms = random.PickWeighted(Terms, TermsWeights);
        var creditLimit = customer.Segment switch
        {
            "SMB" => random.RoundMoney(5, 50),
            "MidMarket" => random.RoundMoney(50, 250),
            _ => random.RoundMoney(250, 2_000),
        };
        var address = new ErpAddress(
            $"{random.Next(1, 400)} {random.Pick(WordLists.StreetNames)} {random.Pick(WordLists.StreetKinds)}",
            random.Pick(traits.Country.Cities),
            random.FromPattern(traits.Country.PostalPattern),
            traits.Country.Code);
        generation.Accounts.Add(new ErpAccount(
            accountNo,
            customer.Id,
            ErpName(traits),
            random.PickWeighted(CreditStatuses, CreditStatusWeights),
            creditLimit,
            terms,
            traits.Currency,
            address));

        var termDays = terms switch { "NET15" => 15, "NET30" => 30, _ => 60 };
        var count = random.Next(4, 13);
        for (var n = 0; n < count; n++)
        {
            var issued = random.DateBetween(FirstIssue, DataClock.Today.AddDays(-1));
            var due = issued.AddDays(termDays);
            var status = due >= DataClock.Today
                ? (random.Chance(0.2) ? "Paid" : "Open")
                : (random.Chance(0.82) ? "Paid" : "Overdue");
            generation.Invoices.Add(new ErpInvoice(
                $"INV-{issued.Year}-{generation.Invoices.Count + 1:D6}",
                accountNo,
                issued,
                due,
                random.Money(50m, creditLimit / 4),
                traits.Currency,
                status));
        }
    }

    /// <summary>The ERP's spelling: the name in capitals and the legal form written out ("ACME Limited").</summary>
    private static string ErpName(CustomerTraits traits) =>
        $"{traits.BaseName.ToUpperInvariant()} {WordLists.ErpLegalForms[traits.LegalSuffix]}";
}
