namespace CrmFederation.SampleSystems.Data;

/// <summary>The vocabulary the generator draws names, subjects and products from.</summary>
internal static class WordLists
{
    public static readonly string[] CompanyWords =
    [
        "Acme", "Apex", "Atlas", "Aurora", "Beacon", "Birch", "Blue River", "Bright", "Cascade", "Cedar",
        "Summit", "Cobalt", "Copper", "Crescent", "Delta", "Ember", "Evergreen", "Falcon", "Fjord", "Granite",
        "Harbor", "Horizon", "Iron", "Juniper", "Keystone", "Lakeside", "Lumen", "Maple", "Meridian", "Nimbus",
        "Northwind", "Oak", "Orbit", "Pacific", "Pinnacle", "Prairie", "Quartz", "Redwood", "Ridge", "Sierra",
        "Silver", "Solstice", "Sterling", "Stone", "Sunrise", "Terra", "Tidal", "Trident", "Union", "Vertex",
        "Vista", "Willow", "Zenith", "Harvest", "Lighthouse", "Polar", "Riverbend", "Sapphire", "Timber", "Westbrook",
    ];

    public static readonly string[] CompanyTrades =
    [
        "Analytics", "Bakery", "Biotech", "Builders", "Capital", "Consulting", "Dynamics", "Energy", "Foods", "Freight",
        "Health", "Industries", "Labs", "Logistics", "Media", "Medical", "Motors", "Networks", "Partners", "Robotics",
        "Software", "Systems", "Textiles", "Trading", "Travel", "Ventures", "Works", "Outfitters", "Studios", "Supply",
    ];

    /// <summary>How the ERP spells each legal form the CRM abbreviates (the CRM's "Acme Ltd" is the ERP's "ACME Limited").</summary>
    public static readonly Dictionary<string, string> ErpLegalForms = new(StringComparer.Ordinal)
    {
        ["Inc"] = "Incorporated",
        ["Corp"] = "Corporation",
        ["LLC"] = "Limited Liability Company",
        ["Co"] = "Company",
        ["Ltd"] = "Limited",
        ["PLC"] = "Public Limited Company",
        ["GmbH"] = "GmbH",
        ["AG"] = "Aktiengesellschaft",
        ["BV"] = "B.V.",
        ["SA"] = "S.A.",
        ["AB"] = "Aktiebolag",
    };

    public static readonly string[] Industries =
    [
        "Software", "Manufacturing", "Retail", "Healthcare", "Financial Services", "Logistics", "Education",
        "Energy", "Media", "Hospitality", "Construction", "Telecommunications",
    ];

    public static readonly string[] FirstNames =
    [
        "Jane", "John", "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "Lucas", "Mia", "Mateo",
        "Amelia", "Leo", "Harper", "Ethan", "Ella", "James", "Chloe", "Henry", "Grace", "Jack", "Nora", "Samuel",
        "Zoe", "David", "Lily", "Daniel", "Hannah", "Oscar", "Aria", "Felix", "Maya", "Hugo", "Ines", "Lars",
        "Sofia", "Marco", "Priya", "Ravi", "Yuki", "Kenji", "Ana", "Pedro", "Freya", "Finn", "Clara", "Max",
    ];

    public static readonly string[] LastNames =
    [
        "Doe", "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Martinez", "Wilson", "Anderson",
        "Taylor", "Thomas", "Moore", "Martin", "Lee", "Walker", "Hall", "Young", "King", "Wright", "Lopez",
        "Hill", "Scott", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "Muller",
        "Schmidt", "Dubois", "Rossi", "Jansen", "Larsson", "Tanaka", "Sato", "Silva", "Patel", "Kumar", "Murphy",
    ];

    public static readonly string[] Titles =
    [
        "CEO", "CFO", "CTO", "VP Sales", "Head of Procurement", "IT Manager", "Office Manager", "Finance Director",
        "Operations Lead", "Purchasing Agent", "Accounts Payable Clerk", "Customer Success Manager",
    ];

    public static readonly string[] SalesOwners =
    [
        "olivia.martin@crmfed.example", "noah.becker@crmfed.example", "emma.rossi@crmfed.example",
        "liam.oconnor@crmfed.example", "sofia.lindqvist@crmfed.example", "lucas.moreau@crmfed.example",
        "mia.tanaka@crmfed.example", "ethan.walsh@crmfed.example", "zoe.fischer@crmfed.example",
        "samuel.okafor@crmfed.example", "clara.jansen@crmfed.example", "marco.silva@crmfed.example",
    ];

    /// <summary>Mail domains for customers with no web domain on record.</summary>
    public static readonly string[] FallbackMailDomains = ["example.com", "example.net", "example.org"];

    public static readonly string[] DealProducts =
    [
        "Platform licence", "Renewal", "Expansion", "Professional services", "Support upgrade", "Pilot",
        "Enterprise rollout", "Training package",
    ];

    public static readonly string[] StreetNames =
    [
        "Main", "High", "Market", "Station", "Church", "Park", "Mill", "King", "Queen", "Bridge", "Harbour", "Elm",
        "Oak", "Lake", "Hill",
    ];

    public static readonly string[] StreetKinds = ["Street", "Road", "Avenue", "Lane", "Way"];

    public static readonly string[] TicketSubjects =
    [
        "Cannot log in", "Invoice shows the wrong amount", "Export to CSV fails", "Password reset email not received",
        "Request for a refund", "Shipment arrived damaged", "API returns 500 errors", "How do I add a user?",
        "Change of billing address", "Feature request: dark mode", "Slow dashboard loading", "Duplicate charge",
        "Integration with ERP stopped syncing", "Order missing items", "Cancel subscription", "Upgrade plan question",
        "Two-factor authentication issue", "Report totals do not match", "Cannot upload attachments",
        "Data import stuck at 99%",
    ];
}
