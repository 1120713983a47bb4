namespace CrmFederation.Gateway.Configuration;

/// <summary>
/// Resolves <see cref="ValueReference"/>s: environment variables (through the host's configuration, so
/// tests and demo mode can supply values) and secret files.
/// </summary>
public sealed class ValueResolver(Func<string, string?> variables)
{
    public string? Resolve(ValueReference reference, out string? problem)
    {
        problem = null;
        if (reference.Env is { Length: > 0 } name)
        {
            var value = variables(name);
            if (!string.IsNullOrEmpty(value))
            {
                return value;
            }

            if (reference.Default is null)
            {
                problem = $"environment variable '{name}' is not set";
            }

            return reference.Default;
        }

        if (reference.File is { Length: > 0 } file)
        {
            if (!File.Exists(file))
            {
                problem = $"secret file '{file}' does not exist";
                return reference.Default;
            }

            return File.ReadAllText(file).Trim();
        }

        if (reference.Default is null)
        {
            problem = "the reference names neither 'env' nor 'file'";
        }

        return reference.Default;
    }
}
