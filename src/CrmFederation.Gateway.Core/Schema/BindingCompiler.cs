using System.Collections.Frozen;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Execution;
using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Schema;

/// <summary>
/// Checks every binding against the public schema and the sources, and compiles it into the field
/// bindings the resolvers run. Every problem becomes a diagnostic; nothing stops at the first.
/// </summary>
public sealed class BindingCompiler
{
    private readonly SchemaModel _schema;
    private readonly IReadOnlyDictionary<string, SourceDefinition> _sources;
    private readonly EnumMaps _enumMaps;
    private readonly List<ConfigDiagnostic> _diagnostics;
    private readonly Dictionary<string, ObjectBinding> _bindings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ConfigFile<BindingsFileConfig> File, TypeBindingConfig Config)> _typeConfigs = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Field), FetchFieldBinding> _fetches = [];
    private readonly Dictionary<string, string> _itemSources = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inlineTypes = new(StringComparer.Ordinal);
    private readonly List<ObjectBinding> _inline = [];
    private readonly List<Action> _pageChecks = [];

    private readonly IReadOnlySet<string> _failedSources;
    private readonly ValueConverterCompiler _converters;
    private readonly ArgumentCompiler _arguments;

    private BindingCompiler(
        SchemaModel schema,
        IReadOnlyDictionary<string, SourceDefinition> sources,
        IReadOnlySet<string> failedSources,
        EnumMaps enumMaps,
        List<ConfigDiagnostic> diagnostics)
    {
        _failedSources = failedSources;
        _converters = new ValueConverterCompiler(schema, enumMaps, diagnostics);
        _arguments = new ArgumentCompiler(schema, enumMaps, diagnostics);
        _schema = schema;
        _sources = sources;
        _enumMaps = enumMaps;
        _diagnostics = diagnostics;
    }

    /// <param name="failedSources">Sources that are configured but had errors: bindings to them are not reported again.</param>
    public static CompiledBindings? Compile(
        SchemaModel schema,
        IReadOnlyDictionary<string, SourceDefinition> sources,
        IReadOnlySet<string> failedSources,
        IReadOnlyList<ConfigFile<BindingsFileConfig>> files,
        List<ConfigDiagnostic> diagnostics)
    {
        var compiler = new BindingCompiler(schema, sources, failedSources, EnumMaps.Collect(files, diagnostics), diagnostics);
        return compiler.CompileAll(files);
    }

    private CompiledBindings? CompileAll(IReadOnlyList<ConfigFile<BindingsFileConfig>> files)
    {
        foreach (var file in files)
        {
            foreach (var (typeName, config) in file.Value.Types)
            {
                if (!_schema.Objects.ContainsKey(typeName))
                {
                    _diagnostics.Add(file.Error($"$.types.{typeName}", $"Unknown type '{typeName}': the schema has no object type of that name.",
                        Suggestions.For(typeName, _schema.Objects.Keys)));
                }
                else if (!_typeConfigs.TryAdd(typeName, (file, config)))
                {
                    _diagnostics.Add(file.Error($"$.types.{typeName}", $"Type '{typeName}' is bound twice (also in {_typeConfigs[typeName].File.RelativePath}).",
                        "Bind each type in one file."));
                }
            }
        }

        foreach (var name in _schema.Objects.Keys)
        {
            _bindings[name] = new ObjectBinding(name) { CacheTag = CacheTagOf(name) };
        }

        SurveyTypes();

        // Fields joining through another fetched field ("via") are compiled after the fields they join through.
        var deferred = new List<Action>();
        var writeOnly = _schema.WriteOnlyTypes();
        foreach (var (typeName, shape) in _schema.Objects)
        {
            if (!_typeConfigs.TryGetValue(typeName, out var entry))
            {
                if (_inlineTypes.Contains(typeName) || writeOnly.Contains(typeName))
                {
                    continue;
                }

                _diagnostics.Add(new(DiagnosticSeverity.Error, "bindings/", null, $"$.types.{typeName}",
                    $"Type '{typeName}' has no bindings, so none of its fields can be answered.",
                    $"Add \"{typeName}\": {{ \"fields\": {{ … }} }} to a file in bindings/."));
                continue;
            }

            var fields = new Dictionary<string, FieldBinding>(StringComparer.Ordinal);
            CompileFields(entry.File, $"$.types.{typeName}.fields", SourceOf(typeName), shape, entry.Config.Fields, fields, deferred);
            deferred.Add(() => _bindings[typeName].Complete(fields));
        }

        foreach (var step in deferred)
        {
            step();
        }

        // Pages are checked against the listed type's fields, which are complete only now.
        foreach (var check in _pageChecks)
        {
            check();
        }

        if (!_schema.Objects.ContainsKey("Query"))
        {
            _diagnostics.Add(new(DiagnosticSeverity.Error, "schema/", null, "", "The schema has no Query type."));
        }

        if (_diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        PerRowCallAnalyzer.Warn(_schema, _fetches, _typeConfigs, _diagnostics);
        return new CompiledBindings(_bindings["Query"], _bindings, _inline);
    }

    /// <summary>
    /// Finds, before compiling, which source's items each type is read from (to name it in errors) and
    /// which types are only ever built inline from their parent's item (Money), needing no bindings of their own.
    /// </summary>
    private void SurveyTypes()
    {
        foreach (var (typeName, entry) in _typeConfigs)
        {
            foreach (var (fieldName, config) in entry.Config.Fields)
            {
                if (!_schema.Objects[typeName].Fields.TryGetValue(fieldName, out var field))
                {
                    continue;
                }

                if ((config.Fetch?.Source ?? config.Page?.Source) is { } source)
                {
                    _itemSources.TryAdd(field.TypeName, source);
                }
                else if (config.Object is not null)
                {
                    _inlineTypes.Add(field.TypeName);
                }
            }
        }
    }

    private CacheTag? CacheTagOf(string typeName)
    {
        if (!_typeConfigs.TryGetValue(typeName, out var entry) || entry.Config.CacheTag is not { } tag)
        {
            return null;
        }

        if (tag.Name.Length == 0 || !JsonPath.IsWellFormed(tag.Path))
        {
            _diagnostics.Add(entry.File.Error($"$.types.{typeName}.cacheTag", "A cache tag needs a name and a dotted path.", "Example: { \"name\": \"customer\", \"path\": \"id\" }."));
            return null;
        }

        return new CacheTag(tag.Name, JsonPath.Parse(tag.Path));
    }

    private string SourceOf(string typeName) => _itemSources.GetValueOrDefault(typeName, "unknown");

    private void CompileFields(
        ConfigFile<BindingsFileConfig> file,
        string at,
        string sourceName,
        ObjectShape shape,
        IReadOnlyDictionary<string, FieldBindingConfig> configs,
        Dictionary<string, FieldBinding> compiled,
        List<Action> deferred)
    {
        foreach (var name in configs.Keys.Where(n => !shape.Fields.ContainsKey(n)))
        {
            _diagnostics.Add(file.Error($"{at}.{name}", $"Unknown field '{shape.Name}.{name}'.", Suggestions.For(name, shape.Fields.Keys)));
        }

        foreach (var (name, field) in shape.Fields)
        {
            var fieldAt = $"{at}.{name}";
            if (!configs.TryGetValue(name, out var config))
            {
                _diagnostics.Add(file.Error(at, $"Field '{shape.Name}.{name}' has no binding.",
                    $"Add \"{name}\": \"<path in the source item>\" or a fetch binding."));
                continue;
            }

            if (config.Fetch?.Key.Via is not null)
            {
                deferred.Insert(0, () => Add(compiled, name, CompileField(file, fieldAt, sourceName, shape, field, config, deferred)));
            }
            else
            {
                Add(compiled, name, CompileField(file, fieldAt, sourceName, shape, field, config, deferred));
            }
        }
    }

    private static void Add(Dictionary<string, FieldBinding> compiled, string name, FieldBinding? binding)
    {
        if (binding is not null)
        {
            compiled[name] = binding;
        }
    }

    private FieldBinding? CompileField(ConfigFile<BindingsFileConfig> file, string at, string sourceName, ObjectShape parent, FieldShape field, FieldBindingConfig config, List<Action> deferred)
    {
        var kinds = new[] { config.Path is not null, config.Object is not null, config.Fetch is not null, config.Page is not null }.Count(k => k);
        if (kinds != 1)
        {
            _diagnostics.Add(file.Error(at, $"Field '{parent.Name}.{field.Name}' must be bound by exactly one of path, object, fetch or page; it has {kinds}."));
            return null;
        }

        if (config.Page is not null && config.Arguments.Count > 0)
        {
            _diagnostics.Add(file.Error(at + ".arguments", "A page binding takes its arguments under \"page\": { \"arguments\": … }.",
                "Move them into the page binding."));
            return null;
        }

        if (config.Fetch is not null || config.Page is not null)
        {
            CheckArgumentsBound(file, at, parent, field, config.Page?.Arguments ?? config.Arguments);
        }
        else if (config.Arguments.Count > 0)
        {
            _diagnostics.Add(file.Error(at + ".arguments", "Arguments can only be bound on fetch or page bindings."));
            return null;
        }
        else if (field.Arguments.Count > 0)
        {
            _diagnostics.Add(file.Error(at, $"Field '{parent.Name}.{field.Name}' has arguments ({string.Join(", ", field.Arguments.Keys)}) that a path or object binding would silently ignore.",
                "Bind the field with \"fetch\" and map its arguments, or drop them from the schema."));
            return null;
        }

        if (config.Fetch is { } fetch)
        {
            return CompileFetch(file, at, parent, field, fetch, config.Arguments);
        }

        if (config.Page is { } page)
        {
            return CompilePage(file, at + ".page", field, page);
        }

        if (config.Object is { } inline)
        {
            if (!_schema.Objects.TryGetValue(field.TypeName, out var inlineShape))
            {
                _diagnostics.Add(file.Error(at + ".object", $"Field '{parent.Name}.{field.Name}' is of type {field.TypeName}, which is not an object type."));
                return null;
            }

            var binding = new ObjectBinding(field.TypeName);
            var inlineFields = new Dictionary<string, FieldBinding>(StringComparer.Ordinal);
            CompileFields(file, at + ".object", sourceName, inlineShape, inline, inlineFields, deferred);
            binding.Complete(inlineFields);
            _inline.Add(binding);
            return new NestedObjectFieldBinding(JsonPath.Self, binding, field.IsList);
        }

        return CompilePath(file, at, sourceName, parent, field, config);
    }

    private FieldBinding? CompilePath(ConfigFile<BindingsFileConfig> file, string at, string sourceName, ObjectShape parent, FieldShape field, FieldBindingConfig config)
    {
        var pathAt = config.EnumMap is null && config.Coerce is null && !config.Present && !config.Cursor ? at : at + ".path";
        if (!JsonPath.IsWellFormed(config.Path!))
        {
            _diagnostics.Add(file.Error(pathAt, $"'{config.Path}' is not a dotted path.", "Example: \"BillingAddress.Street\"."));
            return null;
        }

        var path = JsonPath.Parse(config.Path!);
        if (_bindings.TryGetValue(field.TypeName, out var objectBinding))
        {
            return new NestedObjectFieldBinding(path, objectBinding, field.IsList);
        }

        if (config.Cursor)
        {
            return CompileCursor(file, at, sourceName, parent, field, config, path);
        }

        if (config.Present)
        {
            if (field.TypeName != "Boolean")
            {
                _diagnostics.Add(file.Error(at + ".present", "\"present\" makes a Boolean; the field is of type " + field.TypeName + "."));
                return null;
            }

            return new PresenceFieldBinding(path);
        }

        if (field.IsNonNull && config.Path!.Contains('.', StringComparison.Ordinal))
        {
            _diagnostics.Add(file.Error(pathAt, $"Non-null field '{parent.Name}.{field.Name}' is bound to the nested path '{config.Path}', whose parent objects may be absent.",
                "Make the field nullable in the schema, or bind it to a top-level property of the item."));
            return null;
        }

        var converter = _converters.Compile(file, at, sourceName, field, config);
        return converter is null ? null : new PathFieldBinding(path, converter);
    }

    private CursorFieldBinding? CompileCursor(ConfigFile<BindingsFileConfig> file, string at, string sourceName, ObjectShape parent, FieldShape field, FieldBindingConfig config, JsonPath path)
    {
        if (field.TypeName != "String" || field.IsList || config.Present || config.EnumMap is not null)
        {
            _diagnostics.Add(file.Error(at + ".cursor", $"A cursor is a String; '{parent.Name}.{field.Name}' is of type {field.TypeName}{(field.IsList ? " (a list)" : "")}, or the binding also sets present or enumMap."));
            return null;
        }

        if (_failedSources.Contains(sourceName))
        {
            return null;
        }

        if (!_sources.ContainsKey(sourceName))
        {
            _diagnostics.Add(file.Error(at + ".cursor", $"'{parent.Name}' is not read from a source's items, so there is no source whose cursor '{field.Name}' could be.",
                "Bind cursor fields on the connection a page binding answers (CustomerConnection.pageInfo.endCursor)."));
            return null;
        }

        return new CursorFieldBinding(path, sourceName);
    }

    /// <summary>Every check runs even when an earlier one failed, so one wrong name does not hide another error of the same binding.</summary>
    private FetchFieldBinding? CompileFetch(
        ConfigFile<BindingsFileConfig> file, string at, ObjectShape parent, FieldShape field, FetchConfig fetch, IReadOnlyDictionary<string, ArgumentBindingConfig> arguments)
    {
        var fetchAt = at + ".fetch";
        var endpoint = FindEndpoint(file, fetchAt, fetch.Source, fetch.Endpoint);
        var ok = endpoint is not null;
        if (!_bindings.TryGetValue(field.TypeName, out var result))
        {
            _diagnostics.Add(file.Error(fetchAt, $"A fetch must answer an object type; '{parent.Name}.{field.Name}' is of type {field.TypeName}."));
            ok = false;
        }

        var key = CompileKey(file, fetchAt + ".key", parent, field, fetch.Key);
        ok &= key is not null;
        if (endpoint is not null && !endpoint.IsBatched && !endpoint.IsPerKey)
        {
            _diagnostics.Add(file.Error(fetchAt + ".endpoint", $"{endpoint.DisplayName} takes no key (neither keyParameter nor {{key}} in its path), so it cannot answer a fetch.",
                "Use a batch endpoint, or bind a list endpoint with \"page\"."));
            ok = false;
        }
        else if (endpoint is not null && key is not null && field.IsList && !endpoint.Many && !IsListLookup(field, key))
        {
            _diagnostics.Add(file.Error(fetchAt + ".endpoint", $"List field '{parent.Name}.{field.Name}' is bound to {endpoint.DisplayName}, which answers one item per key.",
                "Set \"many\": true on the endpoint if a key can match several items."));
            ok = false;
        }

        if (!field.IsList && field.IsNonNull)
        {
            _diagnostics.Add(file.Error(fetchAt, $"Non-null field '{parent.Name}.{field.Name}' is bound to a fetch, which may find nothing (sources omit unknown keys).",
                "Make the field nullable in the schema."));
            ok = false;
        }

        foreach (var name in arguments.Where(a => a.Value.ExactMatchOn is not null).Select(a => a.Key))
        {
            _diagnostics.Add(file.Error($"{at}.arguments.{name}.exactMatchOn", "exactMatchOn describes a page argument the source filters rows by; a fetch looks its rows up by key.",
                "Remove it."));
            return null;
        }

        var compiledArguments = _arguments.Compile(file, at + ".arguments", field, arguments, endpoint);
        if (!ok || compiledArguments is null)
        {
            return null;
        }

        var binding = new FetchFieldBinding
        {
            Endpoint = endpoint!,
            Key = key!,
            Result = result!,
            Arguments = compiledArguments,
            IsList = field.IsList,
            IsNonNullList = field.IsList && field.IsNonNull,
        };
        _fetches[(parent.Name, field.Name)] = binding;
        return binding;
    }

    /// <summary>A list field keyed by a list argument looks up several keys, one item each.</summary>
    private static bool IsListLookup(FieldShape field, KeySource key) =>
        key.Argument is { } argumentName && field.Arguments[argumentName].IsList;

    private KeySource? CompileKey(ConfigFile<BindingsFileConfig> file, string at, ObjectShape parent, FieldShape field, KeyConfig key)
    {
        var kinds = new[] { key.Argument is not null, key.Path is not null && key.Via is null, key.Via is not null }.Count(k => k);
        if (kinds != 1)
        {
            _diagnostics.Add(file.Error(at, "A key needs exactly one of: argument, path, or via with path.",
                "Examples: { \"argument\": \"id\" }, { \"path\": \"id\" }, { \"via\": \"billing\", \"path\": \"AccountNo\" }."));
            return null;
        }

        Func<string, string>? transform = key.Transform switch
        {
            null => static k => k,
            "lowercase" => static k => k.ToLowerInvariant(),
            "uppercase" => static k => k.ToUpperInvariant(),
            _ => null,
        };
        if (transform is null)
        {
            _diagnostics.Add(file.Error(at + ".transform", $"Unknown key transform '{key.Transform}'.", "Use \"lowercase\" or \"uppercase\"."));
            return null;
        }

        if (key.Argument is { } argument)
        {
            if (!field.Arguments.TryGetValue(argument, out var argumentShape))
            {
                _diagnostics.Add(file.Error(at + ".argument", $"Field '{parent.Name}.{field.Name}' has no argument '{argument}'.", Suggestions.For(argument, field.Arguments.Keys)));
                return null;
            }

            return CheckMaxKeys(file, at, key, argumentShape.IsList)
                ? new KeySource { Argument = argument, Transform = transform, MaxKeys = argumentShape.IsList ? key.MaxKeys ?? KeySource.DefaultMaxKeys : null }
                : null;
        }

        if (!CheckMaxKeys(file, at, key, isListArgument: false))
        {
            return null;
        }

        if (key.Path is null || !JsonPath.IsWellFormed(key.Path))
        {
            _diagnostics.Add(file.Error(at + ".path", "The key needs a dotted path.", "Example: \"id\"."));
            return null;
        }

        if (key.Via is not { } via)
        {
            return new KeySource { Path = JsonPath.Parse(key.Path), Transform = transform };
        }

        if (!parent.Fields.ContainsKey(via))
        {
            _diagnostics.Add(file.Error(at + ".via", $"'{via}' is not a field of {parent.Name}.", Suggestions.For(via, parent.Fields.Keys)));
            return null;
        }

        if (!_fetches.TryGetValue((parent.Name, via), out var viaBinding) && ViaFetchOf(parent.Name, via) is { } viaFetch)
        {
            // The field joined through is a fetch that did not compile: its own errors are reported already.
            if (!_failedSources.Contains(viaFetch.Source))
            {
                _diagnostics.Add(file.Error(at + ".via", $"'{parent.Name}.{field.Name}' joins through '{parent.Name}.{via}', whose binding has errors of its own (reported with it): a knock-on error.",
                    $"Fix the errors of '{parent.Name}.{via}' first; this one then goes away."));
            }

            return null;
        }

        if (viaBinding is null || viaBinding.IsList || viaBinding.Key.Path is null || viaBinding.Key.Via is not null)
        {
            _diagnostics.Add(file.Error(at + ".via", $"'{parent.Name}.{via}' must be a single-item fetch keyed by a path of the parent to be joined through.",
                "Bind it with \"fetch\" and a \"key\": { \"path\": … }."));
            return null;
        }

        return new KeySource { Path = JsonPath.Parse(key.Path), Via = viaBinding, Transform = transform };
    }

    private bool CheckMaxKeys(ConfigFile<BindingsFileConfig> file, string at, KeyConfig key, bool isListArgument)
    {
        if (key.MaxKeys is not { } maxKeys)
        {
            return true;
        }

        if (!isListArgument)
        {
            _diagnostics.Add(file.Error(at + ".maxKeys", "maxKeys bounds a list argument key; this key is a single value.", "Remove maxKeys."));
            return false;
        }

        if (maxKeys is < 1 or > 100_000)
        {
            _diagnostics.Add(file.Error(at + ".maxKeys", $"{maxKeys} is out of range.", $"Use a value from 1 to 100000 (default {KeySource.DefaultMaxKeys})."));
            return false;
        }

        return true;
    }

    /// <summary>The fetch configured for the field <paramref name="via"/> of <paramref name="typeName"/>, if it is bound with one.</summary>
    private FetchConfig? ViaFetchOf(string typeName, string via) =>
        _typeConfigs.TryGetValue(typeName, out var entry) && entry.Config.Fields.TryGetValue(via, out var config) ? config.Fetch : null;

    private PageFieldBinding? CompilePage(ConfigFile<BindingsFileConfig> file, string at, FieldShape field, PageConfig page)
    {
        var endpoint = FindEndpoint(file, at, page.Source, page.Endpoint);
        var ok = endpoint is not null;
        if (!_bindings.TryGetValue(field.TypeName, out var result))
        {
            _diagnostics.Add(file.Error(at, $"A page must answer an object (connection) type; the field is of type {field.TypeName}."));
            ok = false;
        }

        if (endpoint is not null && (endpoint.IsBatched || endpoint.IsPerKey))
        {
            _diagnostics.Add(file.Error(at + ".endpoint", $"{endpoint.DisplayName} takes keys; a page binding sends none.",
                "Bind a list endpoint (no keyParameter, no {key}) with \"page\", or use \"fetch\"."));
            ok = false;
        }

        if (field.IsList)
        {
            _diagnostics.Add(file.Error(at, $"A page answers one connection object; field '{field.Name}' is a list."));
            ok = false;
        }

        foreach (var name in page.Arguments.Where(a => a.Value is { Parameter: null, Where: false, Order: false }).Select(a => a.Key))
        {
            _diagnostics.Add(file.Error($"{at}.arguments.{name}", $"Page arguments can only be sent as query parameters (or plan filters and sorts: where, order); '{name}' would be ignored.",
                "Use \"parameter\"."));
            ok = false;
        }

        // An endpoint taking keys is already reported above; its arguments are not checked against it as well.
        var listEndpoint = endpoint is { IsBatched: false, IsPerKey: false } ? endpoint : null;
        var arguments = _arguments.Compile(file, at + ".arguments", field, page.Arguments, listEndpoint);
        if (!ok || arguments is null)
        {
            return null;
        }

        var binding = new PageFieldBinding { Endpoint = endpoint!, Result = result!, Arguments = arguments };
        _pageChecks.Add(() => CheckExactMatches(file, at + ".arguments", field, binding));
        return binding;
    }

    /// <summary>Each exactMatchOn names a String, ID or enum field of the listed rows, of the argument's own type, once.</summary>
    private void CheckExactMatches(ConfigFile<BindingsFileConfig> file, string at, FieldShape field, PageFieldBinding page)
    {
        if (!page.Result.IsCompleted)
        {
            // The connection's own bindings failed, and said so.
            return;
        }

        var matched = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in page.Arguments.Where(a => a.ExactMatchOn is not null))
        {
            var argumentAt = $"{at}.{argument.ArgumentName}.exactMatchOn";
            var name = argument.ExactMatchOn!;
            if (page.NodesField()?.Binding is not { } rows)
            {
                _diagnostics.Add(file.Error(argumentAt, $"exactMatchOn names a field of the listed rows, but {page.Result.TypeName} has no list field bound to the path of "
                    + $"{page.Endpoint.DisplayName}'s items ({page.Endpoint.Items?.Text ?? "none"}).",
                    "Bind the connection's list (nodes) to the endpoint's items path."));
                return;
            }

            if (!rows.IsCompleted)
            {
                return;
            }

            if (!rows.Fields.TryGetValue(name, out var binding))
            {
                _diagnostics.Add(file.Error(argumentAt, $"Unknown field '{rows.TypeName}.{name}'.", Suggestions.For(name, rows.Fields.Keys)));
                continue;
            }

            if (Access.RowField.Comparable(binding, out var whatItIs) is null)
            {
                _diagnostics.Add(file.Error(argumentAt, $"Field '{rows.TypeName}.{name}' is {whatItIs}; exactMatchOn needs {Access.RowField.Requirement}."));
                continue;
            }

            var argumentShape = field.Arguments[argument.ArgumentName];
            var fieldType = _schema.Objects[rows.TypeName].Fields[name].TypeName;
            if (argumentShape.IsList || !(argumentShape.TypeName == fieldType || IsText(argumentShape.TypeName) && IsText(fieldType)))
            {
                _diagnostics.Add(file.Error(argumentAt, $"Argument '{field.Name}({argument.ArgumentName}:)' is {(argumentShape.IsList ? "a list of " : "")}{argumentShape.TypeName}, "
                    + $"which cannot match {rows.TypeName}.{name} ({fieldType}) exactly."));
            }
            else if (!matched.TryAdd(name, argument.ArgumentName))
            {
                _diagnostics.Add(file.Error(argumentAt, $"Arguments '{matched[name]}' and '{argument.ArgumentName}' both say they match {rows.TypeName}.{name}.",
                    "Keep exactMatchOn on the one the source matches exactly."));
            }
        }

        static bool IsText(string type) => type is "String" or "ID";
    }

    private void CheckArgumentsBound(ConfigFile<BindingsFileConfig> file, string at, ObjectShape parent, FieldShape field, IReadOnlyDictionary<string, ArgumentBindingConfig> arguments)
    {
        foreach (var name in field.Arguments.Keys.Where(a => !arguments.ContainsKey(a)))
        {
            var isKey = false;
            if (file.Value.Types.TryGetValue(parent.Name, out var type) && type.Fields.TryGetValue(field.Name, out var config))
            {
                isKey = config.Fetch?.Key.Argument == name;
            }

            if (!isKey)
            {
                _diagnostics.Add(file.Error(at, $"Argument '{field.Name}({name}:)' is not bound, so it would be silently ignored.",
                    $"Bind it under \"arguments\": {{ \"{name}\": {{ \"parameter\": … }} }}."));
            }
        }
    }

    private EndpointDefinition? FindEndpoint(ConfigFile<BindingsFileConfig> file, string at, string sourceName, string endpointName)
    {
        if (!_sources.TryGetValue(sourceName, out var source))
        {
            if (!_failedSources.Contains(sourceName))
            {
                _diagnostics.Add(file.Error(at + ".source", $"Unknown source '{sourceName}'.", Suggestions.For(sourceName, _sources.Keys.Concat(_failedSources))));
            }

            return null;
        }

        if (!source.Endpoints.TryGetValue(endpointName, out var endpoint))
        {
            _diagnostics.Add(file.Error(at + ".endpoint", $"Source '{sourceName}' has no endpoint '{endpointName}'.", Suggestions.For(endpointName, source.Endpoints.Keys)));
            return null;
        }

        return endpoint;
    }
}
