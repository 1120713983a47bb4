using System.Text.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Filtering;
using CrmFederation.Gateway.Limits;
using CrmFederation.Gateway.Schema;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Turns a gateway-config directory into a <see cref="GatewaySnapshot"/>: read and check the files
/// (structure), then the sources, then every binding against the schema (meaning). All or nothing:
/// any error and there is no snapshot, only the complete list of diagnostics.
/// </summary>
public sealed class GatewayConfigCompiler(SourceClientFactory clients, IServiceProvider services)
{
    public GatewaySnapshot Compile(string directory, Func<string, string?> variables, UnsetValuePolicy? unset = null)
    {
        var (snapshot, diagnostics) = TryCompile(directory, variables, unset);
        return snapshot ?? throw new ConfigException(diagnostics);
    }

    /// <param name="unset">How an unset variable or missing secret file counts; by default it is an error.</param>
    public (GatewaySnapshot? Snapshot, IReadOnlyList<ConfigDiagnostic> Diagnostics) TryCompile(
        string directory, Func<string, string?> variables, UnsetValuePolicy? unset = null)
    {
        if (!Directory.Exists(directory))
        {
            var missing = new List<ConfigDiagnostic>();
            ConfigDirectoryReader.Read(directory, missing);
            return (null, missing);
        }

        return TryCompile(ConfigFileSet.Load(directory), variables, unset);
    }

    /// <summary>Compiles files held in memory, such as a proposed change, as if they were the directory's.</summary>
    public (GatewaySnapshot? Snapshot, IReadOnlyList<ConfigDiagnostic> Diagnostics) TryCompile(
        ConfigFileSet files, Func<string, string?> variables, UnsetValuePolicy? unset = null)
    {
        var diagnostics = new List<ConfigDiagnostic>();
        var raw = ConfigDirectoryReader.Read(files, diagnostics);
        var values = new ValueResolver(variables, raw.Directory, unset);
        var access = AccessCompiler.Compile(raw.Access, raw.TrustedDocuments, values, diagnostics);
        // Role and scope names are checked against access.json only when it was read: if it could not be, its own error says so.
        var accessUnreadable = raw.Access is null && files.Contains(ConfigDirectoryReader.AccessFileName);
        SettingsValidator.Validate(raw.Settings, accessUnreadable ? null : access, diagnostics);
        var schemaModel = SchemaModel.Read(raw.SchemaFiles, diagnostics);
        var sources = CompileSources(raw, new SourceCompiler(values, raw.Settings.Value.Limits.MaxSourceAnswerBytes), diagnostics);
        var failedSources = raw.Sources.Select(f => f.Value.Name).Where(n => !string.IsNullOrEmpty(n) && !sources.ContainsKey(n)).ToHashSet(StringComparer.Ordinal);
        var bindings = BindingCompiler.Compile(schemaModel, sources, failedSources, raw.Bindings, diagnostics);
        if (bindings is not null)
        {
            ListPlanCompiler.Compile(bindings, diagnostics);
            RowPolicyCompiler.Compile(raw.Access, bindings, diagnostics);
        }

        var mutations = bindings is null ? null : new Writes.WriteCompiler(schemaModel, bindings, access, diagnostics).Compile(raw.Bindings);
        var policy = PolicyCompiler.Compile(accessUnreadable ? null : raw.Policies, schemaModel, access, bindings, diagnostics);
        if (bindings is null || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return (null, diagnostics);
        }

        GraphQL.Types.ISchema schema;
        try
        {
            schema = GatewaySchemaFactory.Create(schemaModel, policy, services, mutations);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            diagnostics.Add(new(DiagnosticSeverity.Error, "schema/", null, "", $"GraphQL.NET rejected the schema: {ex.Message}",
                "Check the SDL in schema/*.graphql against the GraphQL specification."));
            return (null, diagnostics);
        }

        QueryLimitsValidator.Attach(schema, raw.Settings.Value.Limits, bindings.Root);
        var snapshot = new GatewaySnapshot(
            raw.Version,
            raw.Settings.Value,
            access,
            policy,
            schema,
            new Entity(default(JsonElement), bindings.Root),
            sources,
            sources.Values.ToDictionary(s => s.Name, clients.Create, StringComparer.Ordinal),
            diagnostics)
        {
            Files = files,
        };
        return (snapshot, diagnostics);
    }

    private static Dictionary<string, SourceDefinition> CompileSources(RawGatewayConfig raw, SourceCompiler compiler, List<ConfigDiagnostic> diagnostics)
    {
        var sources = new Dictionary<string, SourceDefinition>(StringComparer.Ordinal);
        foreach (var file in raw.Sources)
        {
            if (compiler.Compile(file, diagnostics) is not { } source)
            {
                continue;
            }

            if (!sources.TryAdd(source.Name, source))
            {
                diagnostics.Add(file.Error("$.name", $"Source '{source.Name}' is defined twice.", "Each source needs a unique name."));
            }
        }

        if (raw.Sources.Count == 0)
        {
            diagnostics.Add(new(DiagnosticSeverity.Error, "sources/", null, "", "No source is configured.", "Add one JSON file per system under sources/."));
        }

        return sources;
    }
}
