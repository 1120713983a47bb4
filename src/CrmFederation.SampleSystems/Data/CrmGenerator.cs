namespace CrmFederation.SampleSystems.Data;

/// <summary>CRM customers (C-000001…) with about three contacts and two deals each.</summary>
internal static class CrmGenerator
{
    private static readonly string[] Segments = ["SMB", "MidMarket", "Enterprise"];
    private static readonly int[] SegmentWeights = [60, 30, 10];
    private static readonly string[] Stages = ["lead", "opportunity", "customer", "churned"];
    private static readonly int[] StageWeights = [15, 15, 60, 10];
    private static readonly string[] DealStages = ["prospecting", "proposal", "negotiation", "closedWon", "closedLost"];
    private static readonly int[] DealStageWeights = [25, 20, 15, 25, 15];
    private static readonly DateTimeOffset FirstCreated = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LastCreated = new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static CrmGeneration Generate(Random random, int count)
    {
        var generation = new CrmGeneration(new(count), new(count * 3), new(count * 2), new(count));
        var emails = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i <= count; i++)
        {
            AddCustomer(random, generation, emails, $"C-{i:D6}");
        }

        return generation;
    }

    private static void AddCustomer(Random random, CrmGeneration generation, HashSet<string> emails, string id)
    {
        var country = random.PickWeighted(CountryProfiles.All, CountryProfiles.Weights);
        var baseName = random.Chance(0.6)
            ? $"{random.Pick(WordLists.CompanyWords)} {random.Pick(WordLists.CompanyTrades)}"
            : random.Pick(WordLists.CompanyWords);
        var suffix = random.Pick(country.LegalSuffixes);
        var domain = random.Chance(0.08) ? null : baseName.ToLowerInvariant().Replace(' ', '-') + country.TopLevelDomain;
        var mailDomain = domain ?? random.Pick(WordLists.FallbackMailDomains);
        var segment = random.PickWeighted(Segments, SegmentWeights);
        var firstName = random.Pick(WordLists.FirstNames);
        var lastName = random.Pick(WordLists.LastNames);
        var email = UniqueEmail(emails, firstName, lastName, mailDomain);

        // Sales types e-mail addresses however they like; the commerce platform stores them lower case.
        var primaryEmail = random.Chance(0.02) ? null : random.Chance(1.0 / 3) ? MixedCase(random, email) : email;
        var createdAt = random.Between(FirstCreated, LastCreated);
        var customer = new CrmCustomer(
            id,
            $"{baseName} {suffix}",
            domain,
            random.Chance(0.05) ? null : random.Pick(WordLists.Industries),
            segment,
            country.Code,
            random.PickWeighted(Stages, StageWeights),
            primaryEmail,
            random.Chance(0.15) ? null : Phone(random, country),
            random.Pick(WordLists.SalesOwners),
            createdAt,
            random.Between(createdAt, DataClock.Now));
        generation.Customers.Add(customer);
        generation.Traits.Add(new CustomerTraits(baseName, suffix, country, country.Currency, firstName, lastName));
        AddContacts(random, generation, emails, customer, country, mailDomain, email, firstName, lastName);
        AddDeals(random, generation, customer, baseName, country.Currency);
    }

    private static void AddContacts(
        Random random, CrmGeneration generation, HashSet<string> emails, CrmCustomer customer, CountryProfile country,
        string mailDomain, string primaryEmail, string firstName, string lastName)
    {
        var count = random.Next(1, 6);
        for (var c = 0; c < count; c++)
        {
            // The first contact is the person behind the customer's primary e-mail address.
            if (c > 0)
            {
                firstName = random.Pick(WordLists.FirstNames);
                lastName = random.Pick(WordLists.LastNames);
            }

            var email = c == 0 ? primaryEmail : UniqueEmail(emails, firstName, lastName, mailDomain);
            generation.Contacts.Add(new CrmContact(
                $"CT-{generation.Contacts.Count + 1:D6}",
                customer.Id,
                firstName,
                lastName,
                email,
                random.Pick(WordLists.Titles),
                random.Chance(0.3) ? null : Phone(random, country)));
        }
    }

    private static void AddDeals(Random random, CrmGeneration generation, CrmCustomer customer, string baseName, string currency)
    {
        var count = random.Next(0, 5);
        var (min, max) = customer.Segment switch
        {
            "SMB" => (1_000m, 25_000m),
            "MidMarket" => (10_000m, 120_000m),
            _ => (50_000m, 900_000m),
        };
        for (var d = 0; d < count; d++)
        {
            generation.Deals.Add(new CrmDeal(
                $"D-{generation.Deals.Count + 1:D6}",
                customer.Id,
                $"{random.Pick(WordLists.DealProducts)} - {baseName}",
                random.PickWeighted(DealStages, DealStageWeights),
                random.Money(min, max),
                currency,
                random.DateBetween(new DateOnly(2025, 3, 1), new DateOnly(2026, 12, 31))));
        }
    }

    private static string UniqueEmail(HashSet<string> emails, string firstName, string lastName, string domain)
    {
        var local = $"{firstName}.{lastName}".ToLowerInvariant();
        var email = $"{local}@{domain}";
        for (var n = 2; !emails.Add(email); n++)
        {
            email = $"{local}{n}@{domain}";
        }

        return email;
    }

    /// <summary>"jane.doe@acme-corp.com" as sales might type it: "Jane.Doe@Acme-Corp.com" or "JANE.DOE@acme-corp.com".</summary>
    private static string MixedCase(Random random, string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (random.Chance(0.5))
        {
            return email[..at].ToUpperInvariant() + email[at..];
        }

        var chars = email.ToCharArray();
        var firstDot = email.IndexOf('.', at);
        for (var i = 0; i < chars.Length; i++)
        {
            var local = i < at;
            var domainLabel = i > at && (firstDot < 0 || i < firstDot);
            var startsWord = i == 0 || chars[i - 1] is '.' or '@' or '-';
            if (startsWord && (local || domainLabel))
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
            }
        }

        return new string(chars);
    }

    private static string Phone(Random random, CountryProfile country) =>
        $"{country.PhonePrefix} {random.Next(100, 1000)} {random.Next(100, 1000)} {random.Next(1000, 10000)}";
}
