namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Resolves <see cref="ValueReference"/>s: environment variables (through the host's configuration, so
/// tests and demo mode can supply values) and secret files. A relative file path is taken from the
/// gateway-config directory, so it means the same under <c>dotnet run</c>, in the container and in tests.
/// </summary>
public sealed class ValueResolver(Func<string, string?> variables, string configDirectory, UnsetValuePolicy? unset = null)
{
    private readonly UnsetValuePolicy _unset = unset ?? UnsetValuePolicy.Required;

    /// <summary>
    /// Resolves <paramref name="reference"/> (at <paramref name="jsonPath"/> of <paramref name="file"/>) and reports
    /// a problem as an error, or, when the policy allows it for an absent value, as a warning with
    /// <paramref name="placeholder"/> standing in for the value.
    /// </summary>
    public string? Resolve<T>(ConfigFile<T> file, string jsonPath, string what, ValueReference reference, string hint, string? placeholder, List<ConfigDiagnostic> diagnostics)
    {
        var value = Resolve(reference, out var problem);
        if (problem is null)
        {
            return value;
        }

        var advice = problem.UnsetVariable is { } variable ? _unset.VariableAdvice(variable) : null;
        var fullHint = advice is null ? problem.Hint ?? hint : $"{problem.Hint ?? hint} {advice}";
        if (problem.IsAbsent && _unset.WarnAndUsePlaceholder && placeholder is not null)
        {
            diagnostics.Add(file.Warning(jsonPath, $"The {what} cannot be resolved here: {problem.Reason}; checked with a placeholder.", fullHint));
            return placeholder;
        }

        diagnostics.Add(file.Error(jsonPath, $"The {what} cannot be resolved: {problem.Reason}.", fullHint));
        return null;
    }

    /// <summary>The value, or null exactly when <paramref name="problem"/> says why not.</summary>
    public string? Resolve(ValueReference reference, out ValueProblem? problem)
    {
        problem = null;
        if (reference.Env is not null && reference.File is not null)
        {
            // Preferring either one would silently ignore a value the author meant to use.
            problem = new("the reference names both 'env' and 'file'", "Name one of env or file.");
            return null;
        }

        if (reference.Env is { Length: > 0 } name)
        {
            var value = variables(name);
            return !string.IsNullOrEmpty(value) ? value : OrDefault(reference, new($"environment variable '{name}' is not set") { IsAbsent = true, UnsetVariable = name }, out problem);
        }

        if (reference.File is { Length: > 0 } file)
        {
            return ReadFile(Path.GetFullPath(file, configDirectory), reference, out problem);
        }

        return OrDefault(reference, new("the reference names neither 'env' nor 'file'"), out problem);
    }

    /// <summary>The value, or null after reporting at <paramref name="jsonPath"/> of <paramref name="file"/> why there is none.</summary>
    public string? Resolve<T>(ConfigFile<T> file, string jsonPath, string what, ValueReference reference, string hint, List<ConfigDiagnostic> diagnostics) =>
        Resolve(file, jsonPath, what, reference, hint, placeholder: null, diagnostics);

    /// <summary>
    /// A secret, or null after reporting why there is none. A missing reference, or one with a default,
    /// is an error: secrets never live in gateway-config.
    /// </summary>
    public string? ResolveCredential<T>(ConfigFile<T> file, string jsonPath, ValueReference? reference, string hint, List<ConfigDiagnostic> diagnostics, string? placeholder = null)
    {
        if (reference is null)
        {
            diagnostics.Add(file.Error(jsonPath, "The credential is missing.", "Reference it: { \"env\": \"NAME\" } or { \"file\": \"/run/secrets/name\" }."));
            return null;
        }

        if (reference.Default is not null)
        {
            diagnostics.Add(file.Error(jsonPath + ".default", "A credential must not have a default: secrets never live in gateway-config.",
                "Remove the default and supply the value through the environment or a secret file."));
            return null;
        }

        return Resolve(file, jsonPath, "credential", reference, hint, placeholder, diagnostics);
    }

    private static string? ReadFile(string path, ValueReference reference, out ValueProblem? problem)
    {
        problem = null;
        if (Directory.Exists(path))
        {
            problem = Unreadable(path, "it is a directory");
            return null;
        }

        if (!File.Exists(path))
        {
            return OrDefault(reference, new($"secret file '{path}' does not exist") { IsAbsent = true }, out problem);
        }

        string content;
        try
        {
            content = File.ReadAllText(path).Trim();
        }
        catch (UnauthorizedAccessException)
        {
            problem = Unreadable(path, "permission denied");
            return null;
        }
        catch (IOException ex)
        {
            // The message names the path and the cause, never the content.
            problem = Unreadable(path, ex.Message);
            return null;
        }

        return content.Length > 0 ? content : OrDefault(reference, new($"secret file '{path}' is empty", "Write the value into the file, or point file at the right one.") { IsAbsent = true }, out problem);
    }

    /// <summary>An absent value (unset variable, missing or empty file) falls back to the default, if any.</summary>
    private static string? OrDefault(ValueReference reference, ValueProblem absent, out ValueProblem? problem)
    {
        problem = reference.Default is null ? absent : null;
        return reference.Default;
    }

    /// <summary>A file that is there but cannot be read is a fault to fix, so no default covers it.</summary>
    private static ValueProblem Unreadable(string path, string reason) =>
        new($"secret file '{path}' cannot be read: {reason}", "Point file at a regular file the gateway's user may read.");
}
