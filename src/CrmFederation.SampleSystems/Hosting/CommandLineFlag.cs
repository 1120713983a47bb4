namespace CrmFederation.SampleSystems.Hosting;

/// <summary>
/// One start-up setting: its flag ("--crm-port"), its environment variable
/// ("SAMPLESYSTEMS_CRM_PORT"), and how it sets the options (false when the value is invalid).
/// </summary>
internal sealed record CommandLineFlag(string Name, string Help, Func<SampleSystemsOptions, string, bool> Apply)
{
    public string EnvironmentVariable => "SAMPLESYSTEMS_" + Name.TrimStart('-').Replace('-', '_').ToUpperInvariant();
}
