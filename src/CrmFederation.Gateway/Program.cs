using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Host.CommandLine;

switch (CommandLineParser.Parse(args))
{
    case HelpCommand help:
        Console.Out.Write(HelpText.For(help.Command));
        return 0;
    case UsageError error:
        await Console.Error.WriteLineAsync($"error: {error.Message}{Environment.NewLine}hint: {error.Hint}");
        return UsageError.ExitCode;
    case HealthcheckCommand probe:
        // For container health checks: the runtime image has no curl.
        return await HealthProbe.RunAsync(probe.Url);
    case ValidateCommand validate:
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        return ValidateRunner.Run(validate, name => environment[name], Console.Out);
    case RunCommand run:
        return await GatewayServer.RunAsync(run);
    default:
        throw new InvalidOperationException("Every command is handled above.");
}

/// <summary>Entry point, public so that tests can host the gateway in-process.</summary>
public partial class Program;
