namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>Finds the repository's own files (gateway-config) from the test's output directory.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string GatewayConfig => Path.Combine(Root, "gateway-config");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrmFederation.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with CrmFederation.sln) was not found above " + AppContext.BaseDirectory);
    }
}
