namespace CrmFederation.Gateway.Host.CommandLine;

/// <summary>The usage text of every command (<c>--help</c>, <c>help COMMAND</c>).</summary>
public static class HelpText
{
    private const string Run = """
          [run] [--demo] [--urls URLS] [--environment NAME] [--Section:Key=VALUE]...
              Serve GraphQL at /graphql (the default command).
              --demo                  start the four sample systems in-process (ports 7101-7104) and use their
                                      URLs and credentials and the sample API keys; also Gateway__Demo=true
              --urls URLS             where to listen (default http://localhost:5080); also ASPNETCORE_URLS.
                                      A busy port: --urls http://localhost:5081
              --environment NAME      ASP.NET Core environment (Production by default)
              --Section:Key=VALUE     any configuration setting, e.g. --Gateway:ConfigPath=/etc/crmfed/gateway-config,
                                      --Demo:CrmPort=7201 (demo ports: Demo:CrmPort, Demo:ErpPort, Demo:HelpdeskPort,
                                      Demo:CommercePort), --Logging:LogLevel:Default=Warning
              --NAME_OF_VARIABLE=VALUE a value gateway-config reads from the environment, e.g. --CRMFED_ERP_USER=erp
              ASP.NET Core's own settings (--contentRoot, --webroot, --https_port, ...) are accepted too.
        """;

    private const string Validate = """
          validate [DIR] [--against OLD_DIR] [--allow-breaking] [--require-secrets]
              Check a gateway-config directory without starting a server: every error and warning with
              file:line and a hint. DIR defaults to the one the server would load (Gateway:ConfigPath).
              --against OLD_DIR       also compare the public schema with OLD_DIR's (e.g. the main branch's) and
                                      list each change as breaking, dangerous or safe
              --allow-breaking        breaking changes are reported but do not fail the check
              --require-secrets       variables and secret files that are not set are errors (by default they are
                                      warnings, so that a config repository's CI needs no secrets)
              Exit code: 0 valid (and no breaking change), 1 errors or breaking changes, 2 bad command line.
        """;

    private const string Healthcheck = """
          healthcheck URL
              Exit 0 when URL answers 2xx, 1 otherwise (for container health checks; the image has no curl).
        """;

    private const string Help = """
          help [COMMAND], --help, -h
              This text, or one command's.
        """;

    public static string For(string? command) => command switch
    {
        CommandLineParser.Run => Usage(Run),
        CommandLineParser.Validate => Usage(Validate),
        CommandLineParser.Healthcheck => Usage(Healthcheck),
        CommandLineParser.Help => Usage(Help),
        _ => Usage(string.Join(Environment.NewLine, Run, Validate, Healthcheck, Help)),
    };

    private static string Usage(string commands) =>
        $"""
        CrmFederation gateway: one GraphQL endpoint over the systems that own customer data.

        Usage: CrmFederation.Gateway [COMMAND] [OPTIONS]
          (dotnet run --project src/CrmFederation.Gateway -c Release -- [COMMAND] [OPTIONS])

        {commands}

        """;
}
